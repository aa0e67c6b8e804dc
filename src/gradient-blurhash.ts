/**
 * The blurhash of a 16×16 image (4×3 components), computed exactly as the
 * `blurhash` package's `encode` does (same operations in the same order, so the
 * same string, checked in test/images.test.ts), but with the cosines and the
 * sRGB → linear conversion looked up in tables made once. The package
 * recomputes both for every pixel of every component, ~1.2 ms a hue, which was
 * most of the time it takes to seed a world.
 */
export const BLURHASH_SIZE = 16
const COMPONENTS_X = 4
const COMPONENTS_Y = 3
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~'

const toLinear = Float64Array.from({ length: 256 }, (_, value) => {
  const v = value / 255
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
})

/** Per component (row-major, as the package orders them): the basis at pixel x * BLURHASH_SIZE + y. */
const bases = Array.from({ length: COMPONENTS_X * COMPONENTS_Y }, (_, component) => {
  const cx = component % COMPONENTS_X
  const cy = Math.floor(component / COMPONENTS_X)
  const normalisation = cx === 0 && cy === 0 ? 1 : 2
  const basis = new Float64Array(BLURHASH_SIZE * BLURHASH_SIZE)
  for (let x = 0; x < BLURHASH_SIZE; x++) {
    for (let y = 0; y < BLURHASH_SIZE; y++) {
      basis[x * BLURHASH_SIZE + y] = normalisation * Math.cos((Math.PI * cx * x) / BLURHASH_SIZE) * Math.cos((Math.PI * cy * y) / BLURHASH_SIZE)
    }
  }
  return basis
})

function encode83(n: number, length: number): string {
  let result = ''
  for (let i = 1; i <= length; i++) result += DIGITS[Math.floor((Math.floor(n) / Math.pow(83, length - i)) % 83)]
  return result
}

function linearToSrgb(value: number): number {
  const v = Math.max(0, Math.min(1, value))
  return v <= 0.0031308 ? Math.trunc(v * 12.92 * 255 + 0.5) : Math.trunc((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5)
}

const signPow = (value: number, exponent: number) => (value < 0 ? -1 : 1) * Math.pow(Math.abs(value), exponent)

function quantiseAc(value: number, maximum: number): number {
  return Math.floor(Math.max(0, Math.min(18, Math.floor(signPow(value / maximum, 0.5) * 9 + 9.5))))
}

/** `pixels`: BLURHASH_SIZE × BLURHASH_SIZE RGBA, row by row, as for the package's `encode`. */
export function encodeBlurhash16(pixels: Uint8ClampedArray): string {
  const factors = bases.map((basis) => {
    let r = 0
    let g = 0
    let b = 0
    for (let x = 0; x < BLURHASH_SIZE; x++) {
      for (let y = 0; y < BLURHASH_SIZE; y++) {
        const offset = 4 * x + y * BLURHASH_SIZE * 4
        const weight = basis[x * BLURHASH_SIZE + y]!
        r += weight * toLinear[pixels[offset]!]!
        g += weight * toLinear[pixels[offset + 1]!]!
        b += weight * toLinear[pixels[offset + 2]!]!
      }
    }
    const scale = 1 / (BLURHASH_SIZE * BLURHASH_SIZE)
    return [r * scale, g * scale, b * scale] as const
  })
  const [dc, ...ac] = factors
  const actualMaximum = Math.max(...ac.map((factor) => Math.max(...factor)))
  const quantisedMaximum = Math.floor(Math.max(0, Math.min(82, Math.floor(actualMaximum * 166 - 0.5))))
  const maximum = (quantisedMaximum + 1) / 166
  let hash = encode83(COMPONENTS_X - 1 + (COMPONENTS_Y - 1) * 9, 1) + encode83(quantisedMaximum, 1)
  hash += encode83((linearToSrgb(dc![0]) << 16) + (linearToSrgb(dc![1]) << 8) + linearToSrgb(dc![2]), 4)
  for (const [r, g, b] of ac) hash += encode83(quantiseAc(r, maximum) * 19 * 19 + quantiseAc(g, maximum) * 19 + quantiseAc(b, maximum), 2)
  return hash
}

// The generated images' gradient: here, below the model, because the model writes its blurhash into every record.

function hsl(hue: number, saturation: number, lightness: number): [number, number, number] {
  const s = saturation / 100
  const l = lightness / 100
  const k = (n: number) => (n + hue / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)]
}

/** The two colours of the generated image of `hue`, top left to bottom right. */
export const gradient = (hue: number) => [hsl(hue, 70, 62), hsl((hue + 50) % 360, 65, 38)] as const

const blurhashes = new Map<number, string>()

/** The generated gradient of `hue` as the small RGBA image its blurhash encodes: the CDN's images show it too. */
export function gradientPixels(hue: number): Uint8ClampedArray {
  const size = BLURHASH_SIZE
  const [from, to] = gradient(hue)
  const pixels = new Uint8ClampedArray(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * (size - 1))
      const offset = (y * size + x) * 4
      for (let c = 0; c < 3; c++) pixels[offset + c] = from[c]! + (to[c]! - from[c]!) * t
      pixels[offset + 3] = 255
    }
  }
  return pixels
}

/** The blurhash of the generated gradient of `hue`: a real encoding, so clients can decode it. */
export function blurhashForHue(hue: number): string {
  let hash = blurhashes.get(hue)
  if (hash) return hash
  hash = encodeBlurhash16(gradientPixels(hue))
  blurhashes.set(hue, hash)
  return hash
}
