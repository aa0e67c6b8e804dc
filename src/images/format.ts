/** The types the CDN generates. */
export type ImageFormat = 'jpeg' | 'png'

/** A colour, RGB 0–255. The pictures are linear gradients from one colour (top left) to another (bottom right). */
export type Rgb = readonly [number, number, number]
