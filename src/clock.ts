import { REFERENCE_DATE } from './config.js'

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/**
 * The last instant the clock can show, 8999-12-31T23:59:59.999Z (docs/time.md); the first is the epoch. A time
 * limit's span (at most MAX_SPAN_MS, config.ts) added to it is still a date of four digits, so every `expiresAt`
 * the mock writes is an ISO 8601 date-time (one after 9999 would be `+010000-…`).
 */
export const LAST_INSTANT = Date.UTC(8999, 11, 31, 23, 59, 59, 999)

/** Whether `ms` is an instant the clock can show: whole unix milliseconds from 1970 to the end of 8999. */
export const isInstant = (ms: number): boolean => Number.isSafeInteger(ms) && ms >= 0 && ms <= LAST_INSTANT

/**
 * A duration as `'30d'`, `'2h'`, `'15m'`, `'90s'`, `'250ms'` (a whole number and a unit, optionally negative),
 * or milliseconds as a number. Anything else is undefined, so callers answer their own error.
 *
 * @example
 * parseDuration('2h') // 7200000
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const match = /^\s*(-?\d{1,12})\s*(ms|s|m|h|d)\s*$/.exec(value)
  const ms = match ? Number(match[1]) * UNITS[match[2]!]! : undefined
  // `999999999999d` is past the integers a number holds exactly: no clock could move by it.
  return ms !== undefined && Number.isSafeInteger(ms) ? ms : undefined
}

/**
 * An instant as unix milliseconds (a number, or a string of digits) or an ISO 8601 date with a time zone or
 * `Z` (`2026-06-18T00:00:00Z`); a bare date (`2026-06-18`) is midnight UTC. Anything else is undefined: a
 * date that does not exist (`2026-02-31`) and an instant outside 1970-01-01 to 8999-12-31 (`isInstant`) too.
 *
 * @example
 * parseInstant('2026-05-20T00:00:00Z') // 1779235200000
 */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value === 'number') return isInstant(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (/^\d{1,15}$/.test(text)) return isInstant(Number(text)) ? Number(text) : undefined
  // Date.parse reads a date-time without a zone as local time: only an explicit zone gives the same instant everywhere.
  const date = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(text)
  if (!date) return undefined
  const [year, month, day] = date.slice(1, 4).map(Number) as [number, number, number]
  // Date.parse rolls an impossible day over (2026-02-31 is March 3): the day must be one of its month.
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined
  const ms = Date.parse(text)
  return isInstant(ms) ? ms : undefined
}

/**
 * The time of one mock, in unix ms: every timestamp it writes and every rule of
 * time (expiry, trash purge, processing) reads `now()`. Until it is set or
 * advanced it follows its source: by default it stands at the fixture's
 * reference date (2026-05-20T00:00:00Z), as tests want it; the development
 * runtimes give it `realTime`, so it starts at the real now and runs. Once set
 * or advanced it stands still and moves only when told, so tests are
 * deterministic. The seeded world is anchored to where it starts (docs/time.md).
 *
 * @example
 * const clock = new Clock()
 * clock.set(Date.UTC(2026, 5, 1))
 * clock.advance('30d')
 */
export class Clock {
  /** Where the clock started (its source's first reading): the instant the seeded world is anchored to. */
  readonly start: number
  #source: () => number
  #fixed: number | undefined

  /**
   * @param makeSource Makes what the clock reads until set or advanced (again on `reset()`); default: the
   *   reference date, standing still.
   */
  constructor(private readonly makeSource: () => () => number = standingAtReferenceDate) {
    this.#source = makeSource()
    this.start = this.#source()
  }

  /** The current time, in unix ms. */
  now(): number {
    return this.#fixed ?? this.#source()
  }

  /** Stops the clock at `ms` (unix ms, from 1970 to the end of 8999); returns it. */
  set(ms: number): number {
    if (!isInstant(ms)) throw new RangeError(`[raster-mock] clock.set needs unix milliseconds from 0 (1970) to ${LAST_INSTANT} (8999-12-31), got ${ms}.`)
    return (this.#fixed = ms)
  }

  /** Moves the clock by `duration` (ms, or `'30d'`, `'2h'`, `'90s'`) and stops it there; returns the new time. */
  advance(duration: number | string): number {
    const ms = parseDuration(duration)
    if (ms === undefined) throw new RangeError(`[raster-mock] clock.advance needs ms or a duration like "30d", "2h", "90s", got ${JSON.stringify(duration)}.`)
    return this.set(this.now() + ms)
  }

  /** Back to where the clock started: its source again, restarted. */
  reset(): void {
    this.#fixed = undefined
    this.#source = this.makeSource()
  }
}

function standingAtReferenceDate(): () => number {
  return () => REFERENCE_DATE
}

/**
 * The `now` option of the development runtimes (the browser worker, the CLI's server, Storybook): the real time,
 * running, so what a person sees next to their own clock (an upload "a minute ago", a countdown) agrees with it.
 *
 * @example
 * createRasterMock({ now: realTime }).clock.now() // Date.now()
 */
export const realTime = (): number => Date.now()
