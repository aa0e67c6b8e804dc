import type { UploadSource } from '../actions/mcp-sources.js'
import { badInput, messages } from '../contract/errors.js'
import { cdnAnswer } from '../../handlers/images.js'
import type { Runtime } from '../runtime.js'

/** How much of a URL an error message quotes: a data: URL can be megabytes long. */
const QUOTED_URL_CHARS = 200

const quoted = (url: string) => (url.length > QUOTED_URL_CHARS ? `${url.slice(0, QUOTED_URL_CHARS)}…` : url)

/**
 * An upload source as the file the upload operation takes. The mock fetches only what its runtime holds without
 * the network: its own CDN's URLs (read in process) and `data:` URLs. A URL into a private network fails
 * validation; any other URL is one the mock cannot fetch, as Raster answers one it cannot reach: BAD_USER_INPUT
 * naming the URL. Neither ever leaves the process.
 *
 * @example
 * await sourceFile(runtime, { kind: 'base64', filename: 'a.png', mimeType: 'image/png', data: 'iVBORw0…' })
 */
export async function sourceFile(runtime: Runtime, source: UploadSource): Promise<File> {
  if (source.kind === 'base64') return new File([decodeBase64(source.data)], source.filename, { type: source.mimeType })
  const { url } = source
  if (url.startsWith('data:')) {
    const file = dataUrlFile(url)
    if (!file) throw badInput(messages.sourceUnreachable(quoted(url)))
    return file
  }
  if (url.startsWith(`${runtime.cdnUrl}/`)) {
    const response = await cdnAnswer(runtime, new Request(url))
    if (response?.ok) {
      const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'upload')
      return new File([await response.arrayBuffer()], name, { type: response.headers.get('Content-Type') ?? '' })
    }
    await response?.body?.cancel()
  } else if (isPrivateHost(new URL(url).hostname)) throw badInput(messages.sourcePrivateNetwork(quoted(url)))
  throw badInput(messages.sourceUnreachable(quoted(url)))
}

function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** `data:[<type>][;base64],<data>` as a file named `upload`; undefined when it is no valid data: URL. */
function dataUrlFile(url: string): File | undefined {
  const comma = url.indexOf(',')
  if (comma < 0) return undefined
  const header = url.slice('data:'.length, comma)
  const base64 = /;base64$/i.test(header)
  const type = (base64 ? header.slice(0, -';base64'.length) : header).split(';')[0]!.trim()
  try {
    const payload = url.slice(comma + 1)
    const bytes = base64 ? decodeBase64(decodeURIComponent(payload)) : new TextEncoder().encode(decodeURIComponent(payload))
    return new File([bytes], 'upload', { type })
  } catch {
    return undefined
  }
}

/** A host name or address of a private network: loopback, RFC 1918, link-local, CGNAT, unique-local, `.local`. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')
  if (host === 'localhost' || /\.(localhost|local|internal|home\.arpa)$/.test(host)) return true
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host.replace(/^::ffff:/, ''))
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])]
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)
  }
  if (!host.includes(':')) return false
  // IPv6: unspecified, loopback, unique-local (fc00::/7), link-local (fe80::/10), and IPv4-mapped written in hex.
  return host === '::' || host === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host) || /^::ffff:/.test(host)
}
