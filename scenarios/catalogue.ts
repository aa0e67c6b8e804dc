import { MB, type Limits } from '../src/config.js'
import type { WorldRecords } from '../src/model/records.js'
import type { World } from '../src/model/world.js'
import {
  grantReadOnly,
  lockBarcelona,
  fillTrash,
  makeExpiringSoon,
  makeTemporary,
  removeBarcelonaGrant,
  removeKey,
  type BarcelonaContents,
  type Plan,
  type PresetContext,
} from './presets.js'
import { setApprovals, startPromote } from './review-presets.js'

/** How API calls fail; `token-unverifiable` fails only calls made with an OAuth token (503, in the auth step). */
export type Failure = 'server-error' | 'flaky' | 'network-error' | 'token-unverifiable'

/**
 * What a scenario sets. Each field is one setting; two scenarios that set the
 * same one to different values cannot be combined (see combine.ts).
 */
export interface Settings {
  /** The primary organization's plan. */
  plan?: Plan
  /** What barcelona holds; applied after every preset, with the limits in force. */
  barcelona?: BarcelonaContents
  /** Overrides of the configurable limits. */
  limits?: Partial<Limits>
  /** How API calls fail. */
  failure?: Failure
  /** Every API call waits a seeded number of milliseconds within these bounds. */
  delayMs?: readonly [min: number, max: number]
}

export interface Scenario<Name extends string = string> extends Settings {
  name: Name
  /** One line, shown by `GET /__mock/scenarios` and in the README table. */
  description: string
  /** Any other change to a fresh copy of the seeded world; presets always combine. */
  preset?: (world: WorldRecords, context: PresetContext) => void
  /** A user's scenario (`defineScenario`): shapes its world with the world's factories, after every preset. */
  setup?: (world: World) => unknown
  /** What the world starts from: the fixture world (the default), or `empty`, no organizations at all. */
  base?: 'fixture' | 'empty'
}

/**
 * Every built-in scenario (docs/scenarios.md). Adding a scenario is adding an entry. The
 * order matters: combined scenarios apply their presets in this order, so `a,b`
 * and `b,a` are the same scenario.
 */
export const scenarios = [
  { name: 'default', description: 'The fixture world, unchanged.' },
  { name: 'empty-library', description: 'barcelona has no assets, no tags and an empty trash.', barcelona: 'empty' },
  { name: 'many-assets', description: 'barcelona holds 10,000 assets.', barcelona: 'many' },
  {
    name: 'library-locked',
    description:
      'monogram-labs is on the Free plan and barcelona comes after its first 3 libraries (tokyo, lisbon and an empty porto), last in every list: LIBRARY_LOCKED on every barcelona call; tokyo works.',
    plan: 'free',
    preset: lockBarcelona,
  },
  {
    name: 'pro-plan-canceled',
    description: "monogram-labs's Pro plan is canceled: uploads (and, from Api-Version 2026-07-08, library creation) → PRO_PLAN_CANCELED; reads work.",
    plan: 'pro-canceled',
  },
  {
    name: 'storage-full',
    description: 'monogram-labs is on the Free plan with exactly 1 GB stored: any upload → STORAGE_LIMIT_EXCEEDED.',
    plan: 'free',
    barcelona: 'fills-organization',
  },
  {
    name: 'ephemeral',
    description: 'monogram-labs is an unclaimed temporary organization, barcelona half full (50 MB): creating a library → EPHEMERAL_LIBRARY_LIMIT_EXCEEDED; uploads work.',
    plan: 'free',
    // The fixture's barcelona holds more than a temporary library may, so it is shrunk for uploads to work.
    barcelona: 'half-temporary-cap',
    preset: makeTemporary,
  },
  {
    name: 'ephemeral-full',
    description: 'As ephemeral, and barcelona holds exactly 100 MB: any upload to it → EPHEMERAL_STORAGE_LIMIT_EXCEEDED.',
    plan: 'free',
    barcelona: 'at-temporary-cap',
    preset: makeTemporary,
  },
  {
    name: 'expiring-soon',
    description:
      'As ephemeral, and monogram-labs expires 1 hour after the clock starts (2026-05-20T01:00:00Z in tests): then INVALID_API_KEY and ORGANIZATION_NOT_FOUND; POST /__mock/claim before keeps it.',
    plan: 'free',
    barcelona: 'half-temporary-cap',
    preset: makeExpiringSoon,
  },
  {
    name: 'trash-full',
    description: "barcelona's trash holds 12 assets trashed 29 days before the clock starts: a day later they are purged (trashCount 0).",
    preset: fillTrash,
  },
  {
    name: 'read-only-key',
    description: 'pk_monogram_write has Read only: creating a library → API_KEY_READ_ONLY; writes → API_KEY_NOT_AUTHORIZED_FOR_LIBRARY.',
    preset: grantReadOnly,
  },
  {
    name: 'no-access',
    description: 'pk_monogram_write has no grant on barcelona: API_KEY_NOT_AUTHORIZED_FOR_LIBRARY, and barcelona is absent from lists.',
    preset: removeBarcelonaGrant,
  },
  { name: 'key-revoked', description: 'pk_monogram_write no longer exists: INVALID_API_KEY.', preset: removeKey },
  {
    name: 'email-quota-exhausted',
    description: 'Every email is out of unclaimed libraries (the cap is 0): anonymous POST /libraries → BAD_USER_INPUT.',
    limits: { unclaimedPerEmail: 0 },
  },
  { name: 'file-too-large', description: 'The per-file limit is 1 MB: larger files → PAYLOAD_TOO_LARGE.', limits: { fileBytes: MB } },
  {
    name: 'processing',
    description: 'Uploads take 5 s to process: null thumbUrl, blurhash, width and height, absent from lists until done.',
    limits: { processingMs: 5000 },
  },
  { name: 'server-error', description: 'Every API call → 500 INTERNAL_SERVER_ERROR.', failure: 'server-error' },
  {
    name: 'flaky',
    description: 'Every 3rd API call → 500 INTERNAL_SERVER_ERROR, counted from activation (calls 3, 6, 9, …).',
    failure: 'flaky',
  },
  { name: 'slow', description: 'Every API call is delayed 1–3 s (seeded, so the same delays every run).', delayMs: [1000, 3000] },
  {
    name: 'network-error',
    description: 'Every API call fails at the network level: fetch rejects with a TypeError.',
    failure: 'network-error',
  },
  {
    name: 'approval-pending',
    description: "barcelona's three newest assets are in_review, approved and needs_changes (with notes); the others have no approval.",
    preset: setApprovals,
  },
  {
    name: 'promote-running',
    description:
      "barcelona's newest asset with variants is promoting its first variant until 1 hour after the clock starts (2026-05-20T01:00:00Z): another promote of it → 409 CONFLICT.",
    preset: startPromote,
  },
  {
    name: 'token-unverifiable',
    description: 'OAuth tokens cannot be checked for now: any call with an oat_ token → 503 SERVICE_UNAVAILABLE (retry later); API keys work.',
    failure: 'token-unverifiable',
  },
] as const satisfies readonly Scenario[]

/** The name of a built-in scenario. */
export type BuiltInScenarioName = (typeof scenarios)[number]['name']
