const STORAGE_KEY = 'raster-mock:scenario'
const PARAM = 'scenario'

/**
 * The scenario a page asks for: `?scenario=a,b` on its URL, else the one remembered in sessionStorage, so it
 * survives navigation and reload within the tab; `default` when neither. Not checked here: the mock refuses
 * unknown names (BAD_USER_INPUT, listing the known ones) and the page then starts on `default`.
 */
export function pageScenario(): string {
  const asked = new URLSearchParams(location.search).get(PARAM)?.trim()
  return asked || (sessionStorage.getItem(STORAGE_KEY) ?? 'default')
}

/**
 * Remembers the scenario switched to in the page (overlay, `rasterMock.useScenario`),
 * and rewrites `?scenario=` when the URL has one, so a reload keeps the switch.
 */
export function rememberScenario(name: string, updateUrl = true): string {
  if (name === 'default') sessionStorage.removeItem(STORAGE_KEY)
  else sessionStorage.setItem(STORAGE_KEY, name)
  const url = new URL(location.href)
  if (updateUrl && url.searchParams.has(PARAM)) {
    url.searchParams.set(PARAM, name)
    history.replaceState(history.state, '', url)
  }
  return name
}
