const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** A deterministic id of `length` base-62 characters derived from `input` (two 32-bit FNV-1a streams). */
export function stableId(input: string, length = 12): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ input.length
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193) >>> 0
    b = Math.imul(b ^ code ^ (a >>> 7), 0x5bd1e995) >>> 0
  }
  let id = ''
  for (let i = 0; i < length; i++) {
    const mixed = i % 2 === 0 ? a : b
    id += alphabet[mixed % 62]
    a = Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) >>> 0
    b = Math.imul(b ^ (b >>> 13), 0x297a2d39) >>> 0
  }
  return id
}

/** How many letters and digits follow `pk_` in a key Raster mints (the fixture's named keys are shorter). */
export const MINTED_KEY_LENGTH = 45

/**
 * An API key as Raster mints them: `pk_` and 45 letters and digits, derived from `input` like `stableId`.
 *
 * @example
 * mintedKey('raster-mock:key:7') // 'pk_' + 45 letters and digits
 */
export function mintedKey(input: string): string {
  return `pk_${stableId(input, MINTED_KEY_LENGTH)}`
}

/** A URL slug: lowercase letters, digits and single dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
}

/** `organizationId/libraryId`: library ids (slugs) are unique within an organization only. */
export function libraryKey(organizationId: string, libraryId: string): string {
  return `${organizationId}/${libraryId}`
}
