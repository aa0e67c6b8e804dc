/**
 * CRC-32 (ISO-HDLC, the one PNG and zlib use), on a register: start with `CRC_START`, feed bytes with
 * `crcUpdate` (or zeros with `crcZeros`), and the CRC is the register inverted, `~register >>> 0`.
 */

/** The register before any byte. */
export const CRC_START = 0xffffffff

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** The CRC register after `bytes` (not yet inverted). */
export function crcUpdate(register: number, bytes: Uint8Array): number {
  let c = register
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return c >>> 0
}

const gf2Times = (matrix: Uint32Array, vector: number) => {
  let sum = 0
  for (let i = 0; vector; vector >>>= 1, i++) if (vector & 1) sum ^= matrix[i]!
  return sum >>> 0
}
const gf2Square = (matrix: Uint32Array) => matrix.map((row) => gf2Times(matrix, row))

/**
 * The CRC register after `count` more zero bytes, in O(log count) (zlib's crc32_combine): feeding zeros is
 * linear in the register, so it is a matrix raised to the power `count`, by squaring.
 */
export function crcZeros(register: number, count: number): number {
  // One zero bit, then squared to a zero byte (8 bits).
  let operator = Uint32Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xedb88320 : 1 << (i - 1)))
  for (let i = 0; i < 3; i++) operator = gf2Square(operator)
  for (; count > 0; count = Math.floor(count / 2)) {
    if (count % 2) register = gf2Times(operator, register)
    operator = gf2Square(operator)
  }
  return register
}
