/**
 * The format and size an image's bytes declare, read from its header here in the test (not with the code under
 * test, nor the library it uses): JPEG's start-of-frame, PNG's IHDR, WebP's VP8 / VP8L / VP8X chunk.
 */
export interface ImageHeader {
  format: 'jpeg' | 'png' | 'webp'
  width: number
  height: number
}

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))

export function imageHeader(bytes: Uint8Array): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2
    while (at < bytes.length) {
      if (bytes[at] !== 0xff) throw new Error(`not a JPEG marker at ${at}`)
      const marker = bytes[at + 1]!
      // SOF0–SOF15, but DHT (C4), JPG (C8) and DAC (CC) are not frames.
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { format: 'jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) }
      }
      at += 2 + view.getUint16(at + 2)
    }
    throw new Error('a JPEG without a frame header')
  }
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n' && ascii(bytes, 12, 16) === 'IHDR') {
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) }
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
    const chunk = ascii(bytes, 12, 16)
    if (chunk === 'VP8 ') return { format: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff }
    if (chunk === 'VP8L') {
      const bits = view.getUint32(21, true)
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
    }
    if (chunk === 'VP8X') {
      const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)
      return { format: 'webp', width: u24(24) + 1, height: u24(27) + 1 }
    }
  }
  throw new Error(`not a JPEG, PNG or WebP: ${[...bytes.subarray(0, 16)].map((b) => b.toString(16)).join(' ')}`)
}
