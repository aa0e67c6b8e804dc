import { Session } from 'node:inspector/promises'

/**
 * What dominates a missed target: a CPU profile (V8's sampling profiler, in this process) of `calls` calls of
 * `run`, as the share of samples by area (a package, a folder of the repo, Node's internals, GC) and the
 * functions with the most self time.
 */
export async function profileSummary(run: () => Promise<unknown>, calls = 400): Promise<string> {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 200 })
    await session.post('Profiler.start')
    for (let i = 0; i < calls; i++) await run()
    const { profile } = await session.post('Profiler.stop')
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
    const byArea = new Map<string, number>()
    const byFunction = new Map<string, number>()
    let total = 0
    for (const id of profile.samples ?? []) {
      const { functionName, url, lineNumber } = nodes.get(id)!.callFrame
      if (functionName === '(idle)') continue
      total++
      const area = areaOf(url, functionName)
      byArea.set(area, (byArea.get(area) ?? 0) + 1)
      const name = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim()
      byFunction.set(name, (byFunction.get(name) ?? 0) + 1)
    }
    const top = (counts: Map<string, number>, n: number) =>
      [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([name, count]) => `${name} ${((100 * count) / total).toFixed(0)} %`)
        .join('; ')
    return `by area: ${top(byArea, 6)}\n  top self time: ${top(byFunction, 8)}`
  } finally {
    session.disconnect()
  }
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'V8 builtins'
  if (url.startsWith('node:')) return 'node internals'
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (dependency) return dependency[1]!
  const own = /\/(src|handlers|scenarios|bench)\//.exec(url)
  return own ? `raster-mock ${own[1]}/` : shortUrl(url)
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(node_modules|src|handlers|scenarios|bench)\//, '$1/').replace(/^node_modules\//, '')
}
