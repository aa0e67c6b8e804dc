interface StoredFile {
  bytes: Uint8Array
  contentType: string
  /** The worlds whose uploads put these bytes here: the file lives while one of them does. */
  owners: Set<object>
}

/**
 * Uploaded bytes, by their SHA-256. The type stored is the one sniffed from the
 * bytes (src/domain/upload.ts), so the same digest is always the same file,
 * whichever world uploaded it. Each world owns what it uploaded (`ownedBy(world).put`); when a
 * world is dropped (reset, eviction), `release(world)` frees the files no other
 * world owns.
 *
 * @example
 * const files = new FileStore()
 * const digest = await files.ownedBy(world).put(bytes, 'image/png')
 * files.release(world) // files.get(digest) is undefined again
 */
export class FileStore {
  constructor(
    private readonly files = new Map<string, StoredFile>(),
    private readonly byOwner = new Map<object, Set<string>>(),
    private readonly owner?: object,
    /** Worlds already dropped: a write still in flight in one of them stores nothing (its world is gone). */
    private readonly released = new WeakSet<object>(),
    /** CDN paths that serve another image from a time on (a promote), newest last. */
    private readonly shown = new Map<string, Array<{ from: number; target: string; owner: object }>>(),
  ) {}

  /**
   * The same store, putting files on `owner`'s account.
   *
   * @example
   * store.ownedBy(world).put(bytes, 'image/jpeg')
   */
  ownedBy(owner: object): FileStore {
    return new FileStore(this.files, this.byOwner, owner, this.released, this.shown)
  }

  /**
   * From `from` on, the CDN serves the image at `target` at `path` (both below the CDN's URL): a promote keeps an
   * asset's URL and changes its bytes. The CDN is shared by the mock's worlds, so it is the latest promote of any
   * world that an asset's URL shows; this store's owner's entries go with it.
   *
   * @example
   * files.ownedBy(world).showAt('/o/12/4000x3000/123/abc.jpg', completesAt, '/o/40/1080x1080/456/def.jpg')
   */
  showAt(path: string, from: number, target: string): void {
    const owner = this.owner ?? this
    if (this.released.has(owner)) return
    const entries = this.shown.get(path) ?? []
    this.shown.set(path, [...entries.filter((entry) => entry.owner !== owner || entry.from < from), { from, target, owner }].slice(-16))
  }

  /** The path the CDN serves at `path` at `now`, when a promote changed it. */
  shownAt(path: string, now: number): string | undefined {
    return this.shown.get(path)?.findLast((entry) => entry.from <= now)?.target
  }

  /**
   * Stores `bytes` as `contentType` and returns the digest the CDN URL names.
   *
   * @example
   * const digest = await files.ownedBy(world).put(bytes, 'image/png')
   */
  async put(bytes: Uint8Array, contentType: string): Promise<string> {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
    const digest = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')
    const owner = this.owner ?? this
    // Dropped while the digest was made (reset, an eviction): nothing can serve these bytes to it any more.
    if (this.released.has(owner)) return digest
    const file = this.files.get(digest) ?? { bytes, contentType, owners: new Set<object>() }
    this.files.set(digest, file)
    file.owners.add(owner)
    let owned = this.byOwner.get(owner)
    if (!owned) this.byOwner.set(owner, (owned = new Set()))
    owned.add(digest)
    return digest
  }

  /**
   * The stored file, if any world still owns it.
   *
   * @example
   * files.get(digest)?.contentType
   */
  get(digest: string): { bytes: Uint8Array; contentType: string } | undefined {
    return this.files.get(digest)
  }

  /**
   * Gives up `owner`'s files: those no other world owns are freed.
   *
   * @example
   * files.release(world)
   */
  release(owner: object): void {
    this.released.add(owner)
    for (const digest of this.byOwner.get(owner) ?? []) {
      const file = this.files.get(digest)!
      file.owners.delete(owner)
      if (file.owners.size === 0) this.files.delete(digest)
    }
    this.byOwner.delete(owner)
    for (const [path, entries] of this.shown) {
      const kept = entries.filter((entry) => entry.owner !== owner)
      if (kept.length) this.shown.set(path, kept)
      else this.shown.delete(path)
    }
  }

  /**
   * Gives up one file of this store's owner (see `ownedBy`), once no asset of that world refers to it any more
   * (the trash purge): freed if no other world owns it.
   *
   * @example
   * files.ownedBy(world).drop(digest)
   */
  drop(digest: string): void {
    const owner = this.owner ?? this
    const owned = this.byOwner.get(owner)
    const file = this.files.get(digest)
    if (!owned?.delete(digest) || !file) return
    file.owners.delete(owner)
    if (file.owners.size === 0) this.files.delete(digest)
  }

  /** Files `owner` put (every stored file without one): the browser entry saves them with their world. */
  all(owner?: object) {
    const digests = owner ? [...(this.byOwner.get(owner) ?? [])] : [...this.files.keys()]
    return digests.map((digest) => this.files.get(digest)!)
  }

  /** How many files are stored, and their bytes. */
  get usage(): { files: number; bytes: number } {
    let bytes = 0
    for (const file of this.files.values()) bytes += file.bytes.byteLength
    return { files: this.files.size, bytes }
  }
}
