/** Uploaded bytes by SHA-256, shared by every world of a mock so any world's URL keeps loading. */
export class FileStore {
  #files = new Map<string, { bytes: Uint8Array; contentType: string }>()

  async put(bytes: Uint8Array, contentType: string): Promise<string> {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
    const digest = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')
    this.#files.set(digest, { bytes, contentType })
    return digest
  }

  get(digest: string) {
    return this.#files.get(digest)
  }

  /** Every stored file, oldest first: the browser entry saves them with its worlds. */
  all() {
    return [...this.#files.values()]
  }
}
