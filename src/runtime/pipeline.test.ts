import { describe, expect, it } from 'vitest'
import { Runtime } from '../runtime.js'
import { graphqlSurface, restSurface, type Call } from './pipeline.js'

const base = 'https://api.raster.app'
const runtimeOf = (scenario?: string) => new Runtime({ scenario, sleep: async () => {} })

/** A call that records what reached its action and answers `{data: 'done'}`, 201. */
function recordingCall() {
  const seen: string[] = []
  const call: Call = {
    surface: restSurface,
    status: 201,
    perform: (_env, request) => {
      seen.push(request.url)
      return 'done'
    },
  }
  return { call, seen }
}

const body = async (response: Response) => response.json() as Promise<Record<string, any>>

describe('the request pipeline', () => {
  it('performs the action and puts its result in the surface envelope, with the call status', async () => {
    const { call, seen } = recordingCall()
    const response = await runtimeOf().pipeline.run(new Request(`${base}/me?__scenario=default&page=2`, { headers: { 'Api-Version': '2026-05-20' } }), call)
    expect(response.status).toBe(201)
    expect(await body(response)).toEqual({ data: 'done' })
    // The action sees the request without the mock's own query parameters.
    expect(seen).toEqual([`${base}/me?page=2`])
  })

  it('answers a REST call without Api-Version before the action runs; GraphQL needs none', async () => {
    const { call, seen } = recordingCall()
    const runtime = runtimeOf()
    const refused = await runtime.pipeline.run(new Request(`${base}/me`), call)
    expect(refused.status).toBe(400)
    expect((await body(refused)).error.code).toBe('API_VERSION_REQUIRED')
    expect(seen).toEqual([])

    const graphql: Call<Response> = { surface: graphqlSurface, perform: () => new Response('{"data":{}}') }
    expect(await (await runtime.pipeline.run(new Request(`${base}/`, { method: 'POST' }), graphql)).text()).toBe('{"data":{}}')
  })

  it("applies the scenario's faults before the version check and the action", async () => {
    const { call, seen } = recordingCall()
    const response = await runtimeOf('server-error').pipeline.run(new Request(`${base}/me`), call)
    expect(response.status).toBe(500)
    expect((await body(response)).error.code).toBe('INTERNAL_SERVER_ERROR')
    expect(seen).toEqual([])
  })

  it('answers an unknown scenario in the surface envelope: REST {error}, GraphQL {errors}', async () => {
    const { call } = recordingCall()
    const runtime = runtimeOf()
    const rest = await runtime.pipeline.run(new Request(`${base}/me`, { headers: { 'X-Mock-Scenario': 'nope' } }), call)
    expect(rest.status).toBe(400)
    expect((await body(rest)).error.code).toBe('BAD_USER_INPUT')
    const graphql = await runtime.pipeline.run(new Request(`${base}/`, { method: 'POST', headers: { 'X-Mock-Scenario': 'nope' } }), { surface: graphqlSurface, perform: () => new Response() })
    expect((await body(graphql)).errors[0].extensions.code).toBe('BAD_USER_INPUT')
  })

  it('logs every call last, with what it was answered, failures included', async () => {
    const runtime = runtimeOf()
    const { call } = recordingCall()
    await runtime.pipeline.run(new Request(`${base}/me`, { headers: { 'Api-Version': '2026-05-20', 'X-Mock-Session': 's1' } }), call)
    await runtime.pipeline.run(new Request(`${base}/me?__scenario=nope`), call)
    const [failed, done] = runtime.requests.recent()
    expect(done).toMatchObject({ method: 'GET', path: '/me', status: 201, code: null, scenario: 'default', session: 's1', notice: null })
    // The selection failed: the entry names the active scenario.
    expect(failed).toMatchObject({ path: '/me', status: 400, code: 'BAD_USER_INPUT', scenario: 'default', session: null })
  })

  it("gives the action the world of the request's scenario and session, looked up only when asked", async () => {
    const runtime = runtimeOf()
    const headers = { 'Api-Version': '2026-05-20', 'X-Mock-Scenario': 'library-locked', 'X-Mock-Session': 'a' }
    const { call } = recordingCall()
    await runtime.pipeline.run(new Request(`${base}/me`, { headers }), call)
    // An action that never asks for its world costs no scenario world.
    expect(runtime.usage.scenarioWorlds).toBe(0)

    const reading: Call = {
      surface: restSurface,
      perform: async (env) => (await env()).world.organization('monogram-labs')?.name,
    }
    const response = await runtime.pipeline.run(new Request(`${base}/me`, { headers }), reading)
    expect(await body(response)).toEqual({ data: 'Monogram Labs' })
    expect(runtime.usage.scenarioWorlds).toBe(1)
    // Reading creates no world of the session's own.
    expect(runtime.usage.sessions).toBe(0)
  })
})
