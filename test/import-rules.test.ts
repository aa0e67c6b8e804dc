import { cruise } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

/** The rules of .dependency-cruiser.cjs (what `npm run lint:imports` checks), as "rule: from → to" lines. */
async function violations(baseDir: string, paths: string[]): Promise<string[]> {
  const options = await extractDepcruiseOptions(`${root}.dependency-cruiser.cjs`)
  const tsConfig = extractTSConfig(`${root}tsconfig.json`)
  const result = await cruise(paths, { ...options, baseDir: `${root}${baseDir}`, validate: true }, {}, { tsConfig })
  if (typeof result.output === 'string') throw new Error('dependency-cruiser answered with a report, not a result')
  return result.output.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`)
}

describe('the import rules', () => {
  it('hold in the code: no circle, every layer imports only the layers below it', async () => {
    expect(await violations('', ['src', 'handlers', 'scenarios'])).toEqual([])
  })

  it('refuse a circle, and a model module importing the domain', async () => {
    // src/model/world.ts imports src/domain/present.ts, which imports it back (as World's old tagName import did).
    const found = await violations('test/fixtures/import-rules', ['src'])
    expect(found).toContain('model-imports-down: src/model/world.ts → src/domain/present.ts')
    expect(found.some((line) => line.startsWith('no-circular: '))).toBe(true)
  })
})
