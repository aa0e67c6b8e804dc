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

/** What the page could not do on its own, shown at the top of the opened panel. */
export interface OverlayOptions {
  /** The page asked for a scenario the mock refused (`?scenario=` with a typo): the panel opens on its own. */
  problem?: { asked: string; message: string }
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
  fieldset { border: 0; margin: 0; padding: 0; }
  #scenarios { max-height: 220px; overflow: auto; overscroll-behavior: contain; }
  input[type=search] { box-sizing: border-box; width: 100%; font: inherit; margin-bottom: 4px; padding: 2px 6px; }
  label { display: block; padding: 2px 0; }
  label[hidden] { display: none; }
  label.active { background: #eff6ff; }
  label small { display: block; color: #555; margin-left: 20px; }
  .problem { color: #b91c1c; border: 1px solid #fca5a5; background: #fef2f2; border-radius: 4px; padding: 4px 6px; margin: 0 0 6px; }
  .problem[hidden] { display: none; }
  ol { list-style: none; margin: 0; padding: 0; font-family: ui-monospace, monospace; font-size: 11px; }
  li { display: flex; gap: 6px; border-top: 1px solid #eee; padding: 2px 0; }
  /* The path's start gives way first (ellipsis), its end stays: the end names the endpoint. */
  li .path { flex: 1; display: flex; min-width: 0; white-space: nowrap; }
  li .path .start { overflow: hidden; text-overflow: ellipsis; min-width: 1ch; }
  li .path .end { flex: none; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
  .failed { color: #b91c1c; }
  .actions { display: flex; gap: 6px; justify-content: flex-end; margin-top: 8px; }
</style>
<section id="panel" aria-label="Raster mock" hidden>
  <p class="problem" id="problem" role="alert" hidden></p>
  <fieldset>
    <legend><h2>Scenarios <small>(tick several to combine)</small></h2></legend>
    <input type="search" id="filter" placeholder="Search scenarios" aria-label="Search scenarios" />
    <div id="scenarios"></div>
  </fieldset>
  <h2>Last requests</h2>
  <ol id="requests"><li>none yet</li></ol>
  <div class="actions"><button id="reset">Reset world</button><button id="hide" title="Alt+Shift+R shows it again">Hide</button></div>
</section>
<button class="toggle" aria-expanded="false" aria-controls="panel">Raster mock: <span id="active"></span></button>`

/**
 * The dev overlay: a pill showing the active scenario that opens a panel to
 * switch scenarios (search, tick several to combine), reset the world and see the last API calls. Closed
 * by default, so it covers no more of the page than the pill. A refused `?scenario=` opens it with the
 * mock's message, which lists the known names. Framework-free, in a shadow root so neither the page's CSS
 * nor ours leaks across; native buttons and checkboxes keep it keyboard-usable (Escape closes, Alt+Shift+R
 * hides or shows it). Returns how to remove it.
 */
export function mountOverlay(controls: OverlayControls, options: OverlayOptions = {}): () => void {
  const host = document.createElement('raster-mock-overlay')
  const root = host.attachShadow({ mode: 'open' })
  root.innerHTML = template
  const $ = <T extends Element>(selector: string) => root.querySelector<T>(selector)!
  const toggle = $<HTMLButtonElement>('.toggle')
  const panel = $<HTMLElement>('#panel')

  const problem = $<HTMLElement>('#problem')
  const showProblem = (text: string | undefined) => {
    problem.textContent = text ?? ''
    problem.hidden = text === undefined
  }

  const setState = (state: 'open' | 'closed' | 'hidden') => {
    sessionStorage.setItem(STATE_KEY, state)
    host.hidden = state === 'hidden'
    panel.hidden = state !== 'open'
    toggle.setAttribute('aria-expanded', String(state === 'open'))
    if (state === 'open') root.querySelector('label.active')?.scrollIntoView({ block: 'nearest' })
  }

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
  const boxes = () => [...root.querySelectorAll<HTMLInputElement>('#scenarios input')]
  /** Ticking `default` clears the others; any other box adds to or drops from the combination. */
  const pick = (box: HTMLInputElement) => {
    const names = box.value === 'default' ? [] : boxes().filter((b) => b.checked && b.value !== 'default').map((b) => b.value)
    controls.useScenario(...names).then(
      () => showProblem(undefined),
      // Two scenarios that set the same thing cannot combine: the mock's message says which, the boxes go back.
      (error: Error) => (showProblem(error.message), render()),
    )
  }
  for (const { name, description } of controls.scenarios) {
    const label = document.createElement('label')
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'scenario', value: name })
    box.addEventListener('change', () => pick(box))
    const hint = document.createElement('small')
    hint.textContent = description
    label.append(box, ` ${name}`, hint)
    label.dataset.search = `${name} ${description}`.toLowerCase()
    scenarioList.append(label)
  }
  const filter = $<HTMLInputElement>('#filter')
  filter.addEventListener('input', () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean)
    for (const label of scenarioList.querySelectorAll('label')) label.hidden = !words.every((word) => label.dataset.search!.includes(word))
  })

  const render = () => {
    $('#active').textContent = controls.scenario
    const active = new Set(controls.scenario.split(','))
    for (const box of boxes()) {
      box.checked = active.has(box.value)
      box.parentElement!.classList.toggle('active', box.checked)
    }
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
  showProblem(options.problem && `?scenario=${options.problem.asked}: ${options.problem.message}`)
  setState(options.problem ? 'open' : ((sessionStorage.getItem(STATE_KEY) as 'open' | 'closed' | 'hidden' | null) ?? 'closed'))

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
    pathCell(request.path),
    cell(request.status === 0 ? 'network error' : String(request.status)),
    ...(request.code ? [cell(request.code)] : []),
  )
  row.title = `${request.method} ${request.path} · ${request.scenario} · ${request.durationMs} ms`
  return row
}

/** The path in two parts, so that only the start is cut when it is too long: `/organizations/…/barcelona/assets`. */
function pathCell(path: string): HTMLSpanElement {
  const [route = path] = path.split('?')
  // The end: the last two segments and the query (`/barcelona/assets?pageSize=1`, `/assets/abc/tags`).
  const cut = route.lastIndexOf('/', route.lastIndexOf('/') - 1)
  const at = cut > 0 ? cut : 0
  const part = (text: string, className: string) => Object.assign(document.createElement('span'), { textContent: text, className })
  const cell = Object.assign(document.createElement('span'), { className: 'path' })
  cell.append(part(path.slice(0, at), 'start'), part(path.slice(at), 'end'))
  return cell
}
