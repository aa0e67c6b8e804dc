/**
 * Timing helpers. The machine is shared and noisy, so nothing here is compared
 * with a fixed number of milliseconds: cases are run interleaved, round after
 * round, and compared by their medians in the same run.
 */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Milliseconds one call of `fn` takes. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const started = performance.now()
  await fn()
  return performance.now() - started
}

/** `sideBySide`'s answer: each case's median time per call (ms), and the ratio of two cases. */
export interface SideBySide<K extends string> {
  ms: Record<K, number>
  /**
   * `a`'s time over `b`'s: the median of the rounds' ratios, each of two batches run moments apart, so a
   * stretch of the machine busy with others (which moves the medians of both) cancels out.
   */
  ratio(a: K, b: K): number
}

/**
 * Each case's time per call, measured side by side: each round runs `batch` calls of every case in turn, so a
 * noisy second hits all cases alike. The first `warmup` rounds are not counted, so every case is warmed (JIT,
 * caches, heap) alike before the first that is, whichever ran first in the process; the order of the cases
 * flips every round, so none always runs in the wake of the same other.
 */
export async function sideBySide<K extends string>(
  cases: Record<K, () => Promise<unknown>>,
  { rounds = 30, batch = 20, warmup = 10 } = {},
): Promise<SideBySide<K>> {
  const names = Object.keys(cases) as K[]
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let round = 0; round < warmup + rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      // Each batch starts with an empty young generation, so no case pays for the garbage of the one before.
      collectYoung()
      const started = performance.now()
      for (let i = 0; i < batch; i++) await cases[name]()
      if (round >= warmup) samples[name].push((performance.now() - started) / batch)
    }
  }
  return {
    ms: Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<K, number>,
    ratio: (a, b) => median(samples[a].map((time, round) => time / samples[b][round]!)),
  }
}

/** A minor (scavenge) collection, when the bench runs with --expose-gc. */
function collectYoung(): void {
  ;(globalThis.gc as ((options: { type: 'minor' }) => void) | undefined)?.({ type: 'minor' })
}

/** Live heap after a full collection, in MB (the bench runs with --expose-gc). */
export function heapMB(): number {
  for (let i = 0; i < 3; i++) globalThis.gc?.()
  return process.memoryUsage().heapUsed / 2 ** 20
}
