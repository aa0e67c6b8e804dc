/** Fired on `window` after a scenario switch or a reset, so an app can fetch again. */
export const CHANGE_EVENT = 'rastermock:change'
