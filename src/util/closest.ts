/**
 * The known name closest to `value` by edit distance (insertions, deletions, substitutions, and swaps of two
 * neighbours, the commonest typo: `lokced`), if one is close enough to be what was meant: at most a third of its
 * length away, and never more than 3 edits. Case is ignored. Names whose length alone puts them out of reach are
 * skipped before any work, so a long value from a request costs next to nothing.
 *
 * @example
 * closestName('library-lokced', ['default', 'library-locked', 'slow']) // 'library-locked'
 * closestName('banana', ['default', 'slow']) // undefined
 */
export function closestName(value: string, known: readonly string[]): string | undefined {
  const asked = value.toLowerCase()
  let best: { name: string; distance: number } | undefined
  for (const name of known) {
    const reach = Math.min(3, Math.floor(Math.max(asked.length, name.length) / 3))
    if (Math.abs(name.length - asked.length) > reach) continue
    const distance = editDistance(asked, name.toLowerCase())
    if (distance <= reach && distance < (best?.distance ?? Infinity)) best = { name, distance }
  }
  return best?.name
}

/** Optimal string alignment distance: Levenshtein plus the swap of two adjacent characters as one edit. */
function editDistance(a: string, b: string): number {
  let twoBack: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, twoBack[j - 2]! + 1)
      current.push(distance)
    }
    twoBack = previous
    previous = current
  }
  return previous[b.length]!
}
