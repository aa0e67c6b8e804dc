// The demo gallery of raster-mock, and the example of wiring it into an app.
// In your app the import is `raster-mock/browser`; here it is the source, so the demo runs without a build.
import { CHANGE_EVENT, startRasterMock } from '../src/browser.js'
import { defineScenario } from '../scenarios/define.js'

// 0. A scenario of the app's own, next to the built-in ones: `?scenario=launch-day`, or pick it in the overlay.
const launchDay = defineScenario({
  name: 'launch-day',
  description: 'barcelona opens with the three images of our launch, tagged launch.',
  async setup(world) {
    for (const name of ['launch-hero.jpg', 'launch-team.jpg', 'launch-stage.jpg']) {
      await world.createAsset({ organizationId: 'monogram-labs', libraryId: 'barcelona', name, tags: ['launch'], width: 1920, height: 1080 })
    }
  },
})

// 1. Start the mock before the app's first request. The standalone server serves the worker script under
//    /__demo/, away from the API's paths, so it asks for the whole site as its scope.
await startRasterMock({ workerUrl: '/__demo/mockServiceWorker.js', workerScope: '/', scenarios: [launchDay] })

// 2. The app itself knows nothing of the mock: it calls Raster's real URLs with a fixture key (contract §5).
const api = 'https://api.raster.app/organizations/monogram-labs'
const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }

interface Asset {
  id: string
  name: string
  thumbUrl: string | null
  tags: string[]
}

/** An API failure as the app knows it: the catalogue code, or NETWORK when fetch itself failed. */
class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(`${api}${path}`, { ...init, headers: { ...headers, ...init.headers } })
  } catch (error) {
    // The network-error scenario lands here: fetch rejects with a TypeError.
    throw new ApiError('NETWORK', String(error))
  }
  const body = await response.json()
  if (!response.ok) throw new ApiError(body.error.code, body.error.message)
  return body.data
}

// 3. Each error as a user should read it; codes not listed show the API's own message.
const explanations: Record<string, string> = {
  NETWORK: 'Raster cannot be reached. Check your connection and try again.',
  LIBRARY_LOCKED: 'This library is locked: the Free plan includes 3 libraries. Upgrade to Pro to open it again.',
  API_KEY_NOT_AUTHORIZED_FOR_LIBRARY: 'You do not have access to this library. Ask its owner for an invitation.',
  INVALID_API_KEY: 'Your session has expired. Sign in again.',
  PRO_PLAN_CANCELED: 'Your Pro subscription was canceled. Renew it to upload again.',
  STORAGE_LIMIT_EXCEEDED: 'Your storage is full. Delete some images or upgrade your plan.',
  EPHEMERAL_STORAGE_LIMIT_EXCEEDED: 'This temporary library is full. Claim it to keep uploading.',
  PAYLOAD_TOO_LARGE: 'That file is too large to upload.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Try again in a moment.',
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

function showError(error: unknown): void {
  const { code, message } = error instanceof ApiError ? error : new ApiError('UNKNOWN', String(error))
  const notice = $('notice')
  notice.className = 'notice'
  notice.dataset.code = code
  notice.replaceChildren(Object.assign(document.createElement('strong'), { textContent: explanations[code] ?? message }), code)
  notice.hidden = false
}

function card(asset: Asset): HTMLLIElement {
  const item = document.createElement('li')
  item.dataset.id = asset.id
  // A thumbUrl is null while an upload is processing.
  const image = Object.assign(document.createElement('img'), { src: asset.thumbUrl ?? '', alt: asset.name, loading: 'lazy' })
  const meta = document.createElement('div')
  meta.className = 'meta'
  const name = Object.assign(document.createElement('div'), { className: 'name', textContent: asset.name })
  const tags = asset.tags.map((tag) => Object.assign(document.createElement('span'), { className: 'tag', textContent: tag }))
  const remove = Object.assign(document.createElement('button'), { textContent: 'Delete', ariaLabel: `Delete ${asset.name}` })
  remove.addEventListener('click', () => void removeAsset(asset.id))
  meta.append(name, ...tags, document.createElement('br'), remove)
  item.append(image, meta)
  return item
}

async function render(): Promise<void> {
  $('notice').hidden = true
  $('libraries').replaceChildren()
  $('gallery').replaceChildren()
  try {
    const libraries = await call<Array<{ id: string; name: string; assetsCount: number }>>('/libraries')
    $('libraries').replaceChildren(
      ...libraries.map((library) => Object.assign(document.createElement('li'), { textContent: `${library.name} · ${library.assetsCount}` })),
    )
    const assets = await call<Asset[]>('/libraries/barcelona/assets?pageSize=24')
    $('gallery').replaceChildren(...assets.map(card))
    if (assets.length === 0) $('gallery').append(Object.assign(document.createElement('li'), { className: 'empty', textContent: 'No images yet.' }))
  } catch (error) {
    showError(error)
  }
}

async function upload(files: FileList): Promise<void> {
  const form = new FormData()
  for (const file of files) form.append('files', file)
  $('status').textContent = 'Uploading…'
  try {
    const { responseText } = await call<{ responseText: string }>('/libraries/barcelona/assets', { method: 'POST', body: form })
    $('status').textContent = responseText
    await render()
  } catch (error) {
    $('status').textContent = ''
    showError(error)
  }
}

async function removeAsset(id: string): Promise<void> {
  try {
    const { message } = await call<{ message: string }>('/libraries/barcelona/assets', {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids: [id] }),
    })
    $('status').textContent = message
    await render()
  } catch (error) {
    showError(error)
  }
}

$<HTMLInputElement>('upload').addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement
  if (input.files?.length) void upload(input.files).then(() => (input.value = ''))
})
// 4. The overlay (or `rasterMock.useScenario` in the console) switches scenario without a reload: fetch again.
window.addEventListener(CHANGE_EVENT, () => void render())
await render()
