/**
 * Path patterns (`/organizations/:organizationId/assets`) compiled once.
 * msw compiles a handler's path and parses the request's cookies for every
 * handler it tries, on every request (~30 µs each), so one handler per route
 * made a request pay for every route listed before its own. Our handlers are
 * one per family instead and pick the route here. Matching follows msw's:
 * case-insensitive, an optional trailing slash, parameters URI-decoded.
 */
export type PathParams = Record<string, string>

export function compilePath(pattern: string): (path: string) => PathParams | undefined {
  const names: string[] = []
  const source = pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return escapeRegExp(segment)
      names.push(segment.slice(1))
      return '([^/#?]+?)'
    })
    .join('/')
  const regexp = new RegExp(`^${source}/?$`, 'i')
  return (path) => {
    const found = regexp.exec(path)
    if (!found) return undefined
    return Object.fromEntries(names.map((name, i) => [name, decode(found[i + 1]!)]))
  }
}

/**
 * An msw handler path for the URLs made of `base` and then what `tail` (a RegExp source) matches. A RegExp rather
 * than msw's string form (`${base}/*`): msw compiles a string path on every request it tries the handler for
 * (~20 µs), a RegExp it only runs (~1 µs). Case-insensitive, as msw's string paths are.
 *
 * @example
 * http.all(urlPattern('https://api.raster.app', '/.'), resolver) // every path below the base but its `/`
 */
export function urlPattern(base: string, tail: string): RegExp {
  return new RegExp(`^${escapeRegExp(base)}${tail}`, 'i')
}

/** `text` as a RegExp source that matches it literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The request's path below `base` (an origin, possibly with a path of its own). */
export function pathBelow(request: Request, base: string): string {
  const url = new URL(request.url)
  return `${url.origin}${url.pathname}`.slice(base.length)
}
