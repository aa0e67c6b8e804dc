import { REFERENCE_DATE } from './config.js'

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

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
  return match ? Number(match[1]) * UNITS[match[2]!]! : undefined
}

/**
 * An instant as unix milliseconds (a number, or a string of digits) or an ISO 8601 date with a time zone or
 * `Z` (`2026-06-18T00:00:00Z`); a bare date (`2026-06-18`) is midnight UTC. Anything else is undefined.
 *
 * @example
 * parseInstant('2026-05-20T00:00:00Z') // 1779235200000
 */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (/^\d{1,15}$/.test(text)) return Number(text)
  // Date.parse reads a date-time without a zone as local time: only an explicit zone gives the same instant everywhere.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * The time of one mock, in unix ms: every timestamp it writes and every rule of
 * time (expiry, trash purge, processing) reads `now()`. Until it is set or
 * advanced it follows its source: by default the fixture's reference date
 * (2026-05-20T00:00:00Z) at the moment the mock was made, running at real
 * speed, so the seeded world is in the state the README describes. Once set or
 * advanced it stands still and moves only when told, so tests are deterministic.
 *
 * @example
 * const clock = new Clock()
 * clock.set(Date.UTC(2026, 5, 1))
 * clock.advance('30d')
 */
export class Clock {
  #source: () => number
  #fixed: number | undefined

  /**
   * @param makeSource Makes what the clock reads until set or advanced (again on `reset()`); default: the
   *   reference date from now on, in real time.
   */
  constructor(private readonly makeSource: () => () => number = runningFromReferenceDate) {
    this.#source = makeSource()
  }

  /** The current time, in unix ms. */
  now(): number {
    return this.#fixed ?? this.#source()
  }

  /** Stops the clock at `ms` (unix ms); returns it. */
  set(ms: number): number {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`[raster-mock] clock.set needs unix milliseconds, got ${ms}.`)
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

function runningFromReferenceDate(): () => number {
  const started = Date.now()
  return () => REFERENCE_DATE + (Date.now() - started)
}
