import { REFERENCE_DATE, type Limits } from '../src/config.js'
import type { Asset, Key, Organization, WorldRecords } from '../src/model/records.js'
import { fixture } from '../src/model/fixture.js'

/**
 * State presets: changes to a fresh copy of the seeded world, made on plain
 * records before the world is loaded, so every index is built from the changed
 * records and the errors then arise from the same rules as in the fixture world.
 * They all target the primary organization, library and key (docs/scenarios.md, "What a scenario is").
 */
export const primary = {
  organizationId: fixture.organizations.monogram,
  libraryId: 'barcelona',
  keyId: fixture.keys.monogramWrite,
} as const

/** What a preset may depend on besides the world: the limits in force and the seed of the fake data. */
export interface PresetContext {
  limits: Limits
  seed: number
}

export type Plan = 'free' | 'pro-canceled'
export type BarcelonaContents = 'empty' | 'many' | 'fills-organization' | 'half-temporary-cap' | 'at-temporary-cap'

const DAY = 24 * 60 * 60 * 1000
const MANY_ASSETS = 10_000

function primaryOrganization(world: WorldRecords): Organization {
  return world.organizations.find((organization) => organization.id === primary.organizationId)!
}

function primaryKey(world: WorldRecords): Key | undefined {
  return world.keys.find((key) => key.id === primary.keyId)
}

export function setPlan(world: WorldRecords, plan: Plan): void {
  Object.assign(
    primaryOrganization(world),
    plan === 'free' ? { plan: 'free', planStatus: 'active' } : { plan: 'pro', planStatus: 'canceled' },
  )
}

/** Empty libraries `library-locked` adds before barcelona, at most (a huge configured Free plan is not filled). */
const MAX_FILLERS = 100
const FILLER_NAMES = ['Porto', 'Madrid', 'Seville', 'Valencia', 'Bilbao']

/**
 * Makes barcelona the organization's last library, after at least as many as a Free plan includes: when fewer
 * come before it, empty ones are added (`porto`, then `madrid`, …), granted to every key that reaches barcelona as
 * it is. So barcelona is listed after the first few in every list and in `/me`, the one place the plan locks it.
 */
export function lockBarcelona(world: WorldRecords, { limits }: PresetContext): void {
  const own = world.libraries.filter((library) => library.organizationId === primary.organizationId).sort((a, b) => a.position - b.position)
  const barcelona = own.find((library) => library.id === primary.libraryId)!
  const before = own.filter((library) => library !== barcelona)
  const taken = new Set(own.map((library) => library.id))
  const grantees = world.keys.filter((key) => key.organizationId === primary.organizationId && key.grants[primary.libraryId])
  for (let n = 0; before.length < Math.min(limits.freePlanLibraries, own.length - 1 + MAX_FILLERS); n++) {
    const name = FILLER_NAMES[n] ?? `Library ${n + 1}`
    const id = name.toLowerCase().replace(' ', '-')
    if (taken.has(id)) continue
    const filler = { id, organizationId: primary.organizationId, name, position: 0, createdAt: Math.max(...own.map((library) => library.createdAt)) + DAY }
    world.libraries.push(filler)
    before.push(filler)
    for (const key of grantees) key.grants[id] = key.grants[primary.libraryId]!
  }
  before.forEach((library, position) => (library.position = position))
  barcelona.position = before.length
}

/** The organization becomes an unclaimed one, as anonymous `POST /libraries` makes them. */
export function makeTemporary(world: WorldRecords): void {
  Object.assign(primaryOrganization(world), {
    temporary: true,
    email: 'owner@monogram-labs.example',
    claimToken: 'monogram-claim-token',
    // Fixed, not relative to the clock, so the same scenario always gives the same world.
    expiresAt: REFERENCE_DATE + 30 * DAY,
  })
}

const HOUR = 60 * 60 * 1000

/** As makeTemporary, made so it expires 1 hour after the clock's start (the reference date). */
export function makeExpiringSoon(world: WorldRecords, { limits }: PresetContext): void {
  makeTemporary(world)
  const expiresAt = REFERENCE_DATE + HOUR
  Object.assign(primaryOrganization(world), { expiresAt, createdAt: expiresAt - limits.temporaryLifetimeMs })
}

const TRASH_FULL = 12

/**
 * barcelona's trash holds its 2 seeded trashed assets and the 10 oldest visible ones, all trashed 29 days before
 * the reference date, a day before the trash purge (with the default 30 days' retention).
 */
export function fillTrash(world: WorldRecords): void {
  const trashedAt = REFERENCE_DATE - 29 * DAY
  const mains = world.assets.filter((asset) => inBarcelona(asset) && asset.parentId === null)
  const trashed = mains.filter((asset) => asset.trashedAt !== null)
  const oldest = mains.filter((asset) => asset.trashedAt === null).sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1))
  for (const asset of [...trashed, ...oldest].slice(0, TRASH_FULL)) Object.assign(asset, { trashedAt, updated: Math.max(asset.updated, trashedAt) })
}

export function grantReadOnly(world: WorldRecords): void {
  const key = primaryKey(world)
  if (key) key.grants = Object.fromEntries(Object.keys(key.grants).map((libraryId) => [libraryId, 'read' as const]))
}

export function removeBarcelonaGrant(world: WorldRecords): void {
  const key = primaryKey(world)
  if (key) delete key.grants[primary.libraryId]
}

export function removeKey(world: WorldRecords): void {
  world.keys = world.keys.filter((key) => key.id !== primary.keyId)
}

const inPrimaryOrganization = (asset: Asset) => asset.organizationId === primary.organizationId
const inBarcelona = (asset: Asset) => inPrimaryOrganization(asset) && asset.libraryId === primary.libraryId

export async function setBarcelonaContents(world: WorldRecords, contents: BarcelonaContents, context: PresetContext): Promise<void> {
  switch (contents) {
    case 'empty':
      world.assets = world.assets.filter((asset) => !inBarcelona(asset))
      return
    case 'many': {
      const uploaders = [...new Set(world.assets.filter(inPrimaryOrganization).map((asset) => asset.uploadedBy))]
      // Faker loads only for this scenario, so a browser bundle never has it on its critical path.
      const { createFaker, fakeAssets } = await import('../src/model/seed.js')
      // A seed of its own, so the new ids never follow the fixture's sequence of ids.
      const faker = createFaker(context.seed ^ 0x5ca1ab1e)
      const { organizationId, libraryId } = primary
      const assets = fakeAssets(faker, { organizationId, libraryId, count: MANY_ASSETS, uploaders })
      world.assets = [...world.assets.filter((asset) => !inBarcelona(asset)), ...assets]
      return
    }
    case 'fills-organization': {
      const elsewhere = storedBytes(world, (asset) => inPrimaryOrganization(asset) && !inBarcelona(asset))
      return resizeStored(world, inBarcelona, context.limits.freePlanBytes - elsewhere)
    }
    case 'half-temporary-cap':
      return resizeStored(world, inBarcelona, Math.floor(context.limits.temporaryLibraryBytes / 2))
    case 'at-temporary-cap':
      return resizeStored(world, inBarcelona, context.limits.temporaryLibraryBytes)
  }
}

/** Assets that count towards storage: main assets not in trash, and the variants of those (docs/errors.md, "Limits"). */
function stored(world: WorldRecords, where: (asset: Asset) => boolean): Asset[] {
  const trashed = new Set(world.assets.filter((asset) => asset.trashedAt !== null).map((asset) => asset.id))
  return world.assets.filter((asset) => where(asset) && !trashed.has(asset.id) && !trashed.has(asset.parentId ?? ''))
}

function storedBytes(world: WorldRecords, where: (asset: Asset) => boolean): number {
  return stored(world, where).reduce((sum, asset) => sum + asset.size, 0)
}

/** Scales the stored assets' sizes so they add up to exactly `total` bytes, keeping their proportions. */
function resizeStored(world: WorldRecords, where: (asset: Asset) => boolean, total: number): void {
  const assets = stored(world, where)
  // Other libraries may already hold more than the limit (with a small configured limit): then barcelona holds nothing.
  const target = Math.max(total, 0)
  const current = assets.reduce((sum, asset) => sum + asset.size, 0)
  let assigned = 0
  assets.forEach((asset, index) => {
    asset.size = index === assets.length - 1 ? target - assigned : Math.floor((asset.size * target) / current)
    assigned += asset.size
  })
}
