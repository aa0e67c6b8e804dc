import type { LoggedRequest } from '../request-log.js'

/** What the overlay drives: the page's `window.rasterMock`. */
export interface OverlayControls {
  readonly scenario: string
  readonly scenarios: ReadonlyArray<{ name: string; description: string }>
  useScenario(...names: string[]): Promise<unknown>
  reset(): Promise<unknown>
  requests(): LoggedRequest[]
  /** Calls back after each API call; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
}

const SHOWN_REQUESTS = 8
const STATE_KEY = 'raster-mock:overlay'
/** Brings a hidden overlay back (and hides it). */
const isToggleShortcut = (event: KeyboardEvent) => event.altKey && event.shiftKey && event.code === 'KeyR'

// Static markup only: everything that comes from the mock is set through textContent.
const template = `
<style>
  :host { all: initial; position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; font: 12px/1.4 system-ui, sans-serif; color: #111; }
  :host([hidden]) { display: none; }
  button { font: inherit; cursor: pointer; border: 1px solid #999; border-radius: 4px; background: #fff; padding: 2px 8px; }
  button:focus-visible, input:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
  .toggle { background: #111; color: #fff; border-color: #111; border-radius: 999px; padding: 4px 12px; float: right; }
  section { clear: both; margin-bottom: 6px; width: 340px; max-height: 70vh; overflow: auto; background: #fff; border: 1px solid #999; border-radius: 6px; padding: 8px 10px; box-shadow: 0 4px 16px #0003; }
  h2 { font-size: 12px; margin: 8px 0 4px; }
  fieldset { border: 0; margin: 0; padding: 0; max-height: 220px; overflow: auto; }
  label { display: block; padding: 2px 0; }
  label small { display: block; color: #555; margin-left: 20px; }
  ol { list-style: none; margin: 0; padding: 0; font-family: ui-monospace, monospace; font-size: 11px; }
  li { display: flex; gap: 6px; border-top: 1px solid #eee; padding: 2px 0; }
  li .path { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .failed { color: #b91c1c; }
  .actions { display: flex; gap: 6px; justify-content: flex-end; margin-top: 8px; }
</style>
<section id="panel" aria-label="Raster mock" hidden>
  <fieldset><legend><h2>Scenario</h2></legend><div id="scenarios"></div></fieldset>
  <h2>Last requests</h2>
  <ol id="requests"><li>none yet</li></ol>
  <div class="actions"><button id="reset">Reset world</button><button id="hide" title="Alt+Shift+R shows it again">Hide</button></div>
</section>
<button class="toggle" aria-expanded="false" aria-controls="panel">Raster mock: <span id="active"></span></button>`

/**
 * The dev overlay: a pill showing the active scenario that opens a panel to
 * switch scenarios, reset the world and see the last API calls. Framework-free,
 * in a shadow root so neither the page's CSS nor ours leaks across; native
 * buttons and radios keep it keyboard-usable (Escape closes, Alt+Shift+R hides
 * or shows it). Returns how to remove it.
 */
export function mountOverlay(controls: OverlayControls): () => void {
  const host = document.createElement('raster-mock-overlay')
  const root = host.attachShadow({ mode: 'open' })
  root.innerHTML = template
  const $ = <T extends Element>(selector: string) => root.querySelector<T>(selector)!
  const toggle = $<HTMLButtonElement>('.toggle')
  const panel = $<HTMLElement>('#panel')

  const setState = (state: 'open' | 'closed' | 'hidden') => {
    sessionStorage.setItem(STATE_KEY, state)
    host.hidden = state === 'hidden'
    panel.hidden = state !== 'open'
    toggle.setAttribute('aria-expanded', String(state === 'open'))
  }
  setState((sessionStorage.getItem(STATE_KEY) as 'open' | 'closed' | 'hidden' | null) ?? 'closed')

  toggle.addEventListener('click', () => setState(panel.hidden ? 'open' : 'closed'))
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return
    setState('closed')
    toggle.focus()
  })
  $('#hide').addEventListener('click', () => setState('hidden'))
  $('#reset').addEventListener('click', () => void controls.reset())
  const onShortcut = (event: KeyboardEvent) => {
    if (isToggleShortcut(event)) setState(host.hidden ? 'closed' : 'hidden')
  }
  window.addEventListener('keydown', onShortcut)

  const scenarioList = $('#scenarios')
  for (const { name, description } of controls.scenarios) {
    const label = document.createElement('label')
    const radio = Object.assign(document.createElement('input'), { type: 'radio', name: 'scenario', value: name })
    radio.addEventListener('change', () => void controls.useScenario(name))
    const hint = document.createElement('small')
    hint.textContent = description
    label.append(radio, ` ${name}`, hint)
    scenarioList.append(label)
  }

  const render = () => {
    $('#active').textContent = controls.scenario
    // A combination (`library-locked,slow`) checks no single radio; the pill still names it.
    for (const radio of root.querySelectorAll<HTMLInputElement>('input[type=radio]')) radio.checked = radio.value === controls.scenario
    const requests = controls.requests().slice(0, SHOWN_REQUESTS)
    if (requests.length > 0) $('#requests').replaceChildren(...requests.map(requestRow))
  }
  let pending = false
  // Coalesced: a gallery fires a burst of calls, the list is drawn once per frame.
  const scheduleRender = () => {
    if (!pending) requestAnimationFrame(() => ((pending = false), render()))
    pending = true
  }
  const unsubscribe = controls.subscribe(scheduleRender)
  render()
  // A module script can run before <body> is parsed; the root element is always there.
  const parent = document.body ?? document.documentElement
  parent.append(host)

  return () => {
    unsubscribe()
    window.removeEventListener('keydown', onShortcut)
    host.remove()
  }
}

function requestRow(request: LoggedRequest): HTMLLIElement {
  const row = document.createElement('li')
  const failed = request.status === 0 || request.status >= 400
  if (failed) row.className = 'failed'
  const cell = (text: string, className = '') => Object.assign(document.createElement('span'), { textContent: text, className })
  row.append(
    cell(request.method),
    cell(request.path, 'path'),
    cell(request.status === 0 ? 'network error' : String(request.status)),
    ...(request.code ? [cell(request.code)] : []),
  )
  row.title = `${request.method} ${request.path} · ${request.scenario} · ${request.durationMs} ms`
  return row
}
