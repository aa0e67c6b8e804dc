import { describe, expect, it } from 'vitest'
import { restResponder } from '../handlers/rest.js'
import type { Action } from '../src/actions/define.js'
import { rasterApi, type ApiDefinition } from '../src/actions/index.js'
import { defineVersionChange } from '../src/actions/versions.js'
import { RasterError } from '../src/contract/errors.js'
import { createRasterMock } from '../src/index.js'

/**
 * Version changes, exercised with a version that exists only here: 2099-01-01 renames `views` to `variants` in
 * an asset, takes `labels` where 2026-05-20 takes `tags` when tagging, and reports a delete without ids as
 * BAD_USER_INPUT. Every expected 2026-05-20 value is the documented one (docs/rest.md).
 */
const variantsNotViews = defineVersionChange({
  version: '2099-01-01',
  description: 'An asset lists its child images as `variants`.',
  response: ({ views, ...asset }: any) => ({ ...asset, variants: views }),
})
const labelsNotTags = defineVersionChange({
  version: '2099-01-01',
  description: 'Tagging takes `labels`.',
  request: ({ labels, ...input }) => ({ ...input, tags: labels }),
})
const deleteWithoutIds = defineVersionChange({
  version: '2099-01-01',
  description: 'A delete without ids is BAD_USER_INPUT.',
  error: (error) => (error.code === 'DELETE_ERROR' ? new RasterError('BAD_USER_INPUT', 'ids must name at least one asset.') : error),
})
/** A change of a version later than the one asked for must not apply. */
const later = defineVersionChange({ version: '2100-01-01', description: 'Never asked for here.', response: () => 'wrong' })

const changed: Record<string, Action['changes']> = {
  getAsset: [later, variantsNotViews],
  tagAssets: [labelsNotTags],
  deleteAssets: [deleteWithoutIds],
}
const testApi: ApiDefinition = {
  actions: rasterApi.actions.map((action) => (changed[action.name] ? { ...action, changes: changed[action.name] } : action)),
  versions: ['2026-05-20', '2099-01-01', '2100-01-01'],
}

const barcelona = 'https://api.raster.app/organizations/monogram-labs/libraries/barcelona'

function client() {
  const mock = createRasterMock()
  const respond = restResponder(mock.runtime, testApi)
  return async (version: string, method: string, path: string, body?: unknown) => {
    const response = await respond(
      new Request(`${barcelona}${path}`, {
        method,
        headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': version, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )!
    return { status: response.status, vary: response.headers.get('Vary'), body: (await response.json()) as any }
  }
}

/** Barcelona has 6 assets with variants (docs/rest.md, the fixture world). */
async function firstWithVariants(call: ReturnType<typeof client>): Promise<string> {
  const list = await call('2026-05-20', 'GET', '/assets?pageSize=500')
  return list.body.data.find((asset: { views: unknown[] }) => asset.views.length > 0).id
}

describe('a version change', () => {
  it('reshapes an answer for its version and later ones, and leaves earlier versions as they were', async () => {
    const call = client()
    const id = await firstWithVariants(call)
    const old = await call('2026-05-20', 'GET', `/assets/${id}`)
    expect(old.status).toBe(200)
    expect(old.vary).toBe('Api-Version')
    expect(old.body.data.views.length).toBeGreaterThan(0)
    expect(old.body.data).not.toHaveProperty('variants')
    const next = await call('2099-01-01', 'GET', `/assets/${id}`)
    expect(next.status).toBe(200)
    expect(next.body.data).not.toHaveProperty('views')
    expect(next.body.data.variants).toEqual(old.body.data.views)
    expect({ ...next.body.data, variants: undefined }).toEqual({ ...old.body.data, views: undefined })
  })

  it('reads the input of its version into the one shape the operation takes, over one world', async () => {
    const call = client()
    const id = await firstWithVariants(call)
    const tagged = await call('2099-01-01', 'POST', '/assets/tag', { assetIds: [id], labels: ['from-2099'] })
    expect(tagged).toMatchObject({ status: 200, body: { data: { taggedCount: 1 } } })
    // The other version sees the same world.
    const asset = await call('2026-05-20', 'GET', `/assets/${id}`)
    expect(asset.body.data.tags).toContain('from-2099')
    // In 2026-05-20 `labels` means nothing: tags is required.
    const old = await call('2026-05-20', 'POST', '/assets/tag', { assetIds: [id], labels: ['x'] })
    expect(old).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } })
  })

  it('reports an error as its version does', async () => {
    const call = client()
    expect(await call('2026-05-20', 'DELETE', '/assets', {})).toMatchObject({
      status: 400,
      body: { error: { code: 'DELETE_ERROR', message: 'No asset ids were provided.' } },
    })
    expect(await call('2099-01-01', 'DELETE', '/assets', {})).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_USER_INPUT', message: 'ids must name at least one asset.' } },
    })
  })

  it('refuses a version the API does not know, naming the ones it answers', async () => {
    const call = client()
    const unknown = await call('1999-01-01', 'GET', `/assets/${await firstWithVariants(call)}`)
    expect(unknown.status).toBe(400)
    expect(unknown.vary).toBe('Api-Version')
    expect(unknown.body).toEqual({
      error: {
        code: 'API_VERSION_REQUIRED',
        message: 'Unknown Api-Version "1999-01-01". Supported versions: 2026-05-20, 2099-01-01, 2100-01-01.',
      },
    })
  })
})
