/**
 * `markdown` with the block between `<!-- name:start -->` and `<!-- name:end -->` replaced by `content`: how the
 * docs hold tables generated from the code (`npm run docs` writes them, tests fail when one is stale).
 *
 * @example
 * withGenerated(readme, 'scenarios', scenarioTable())
 */
export function withGenerated(markdown: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const from = markdown.indexOf(start)
  const to = markdown.indexOf(end)
  if (from < 0 || to < from) throw new Error(`The page needs the markers ${start} and ${end}, in that order.`)
  return `${markdown.slice(0, from + start.length)}\n${content}\n${markdown.slice(to)}`
}
