/** The types the CDN generates. */
export type ImageFormat = 'jpeg' | 'png'

/** A colour, RGB 0–255. The pictures are linear gradients from one colour (top left) to another (bottom right). */
export type Rgb = readonly [number, number, number]

/** The formats the CDN's transforms read and write. */
export type OutputFormat = 'jpeg' | 'png' | 'webp'
/** Each of them by content type: the types of upload the CDN resizes. */
export const CODEC_TYPES: Readonly<Record<string, OutputFormat>> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' }
/** The query parameters that make a CDN request a transform; any other (`s`, `ixlib`, `blur`, …) is ignored. */
export const TRANSFORM_PARAMS = ['w', 'width', 'h', 'height', 'fit', 'fm', 'q', 'dpr', 'auto'] as const
