/** A growable byte buffer, written big-endian as JPEG and PNG headers are. */
export class Bytes {
  buffer = new Uint8Array(4096)
  length = 0

  push(byte: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2)
      grown.set(this.buffer)
      this.buffer = grown
    }
    this.buffer[this.length++] = byte
  }

  pushAll(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.push(bytes[i]!)
  }

  pushUint16(value: number): void {
    this.push(value >>> 8)
    this.push(value & 0xff)
  }

  pushUint32(value: number): void {
    this.pushUint16(value >>> 16)
    this.pushUint16(value & 0xffff)
  }

  /** A copy of the bytes written. */
  done(): Uint8Array {
    return this.buffer.slice(0, this.length)
  }
}

/** `a` then `b`, in a new array. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a)
  joined.set(b, a.length)
  return joined
}
