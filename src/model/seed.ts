import { Faker, en } from '@faker-js/faker'
import { DEFAULT_SEED, GB, MB, REFERENCE_DATE } from '../config.js'
import { blurhashForHue } from '../gradient-blurhash.js'
import { fixture } from './fixture.js'
import type { Asset, Key, Library, Organization, Token, User, WorldRecords } from './records.js'

// The ids live in fixture.ts, so code that needs only them never loads faker; re-exported for the tests and benches.
export { fixture }

const HOUR = 60 * 60 * 1000
/** How many of barcelona's and tokyo's oldest assets answer Raster's nulls for older assets (docs/fixture.md). */
const LEGACY_PER_LIBRARY = 3
const DAY = 24 * HOUR

const userTags = [
  'architecture', 'beach', 'city', 'night', 'sunset', 'portrait', 'street', 'food',
  'travel', 'nature', 'interior', 'product', 'team', 'event', 'brand',
]
const generatedTags = ['*outdoor', '*daylight', '*person', '*building', '*sky']
const dimensions: Array<[number, number]> = [
  [6000, 4000], [4000, 6000], [4032, 3024], [3024, 4032], [1920, 1080], [2048, 2048], [5472, 3648], [1080, 1350],
]

export function createFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en], seed })
  faker.setDefaultRefDate(REFERENCE_DATE)
  return faker
}

interface AssetPlan {
  organizationId: string
  libraryId: string
  count: number
  /** Sizes add up to exactly this many bytes when given. */
  totalBytes?: number
  trashed?: number
  withVariants?: number
  uploaders: string[]
}

/** Fake main assets (and variants) for one library, newest at most a year before the reference date. */
export function fakeAssets(faker: Faker, plan: AssetPlan): Asset[] {
  const assets: Asset[] = []
  const sizes = plan.totalBytes === undefined ? undefined : splitBytes(faker, plan.totalBytes, plan.count)
  for (let i = 0; i < plan.count; i++) {
    const [width, height] = faker.helpers.arrayElement(dimensions)
    const hue = faker.number.int({ min: 0, max: 359 })
    const created = faker.date.past({ years: 1 }).getTime()
    const trashed = i < (plan.trashed ?? 0)
    const asset: Asset = {
      id: faker.string.alphanumeric(12),
      organizationId: plan.organizationId,
      libraryId: plan.libraryId,
      parentId: null,
      name: `${faker.word.adjective()}-${faker.word.noun()}-${faker.number.int({ min: 100, max: 9999 })}.jpg`,
      description: faker.datatype.boolean(0.4) ? faker.lorem.sentence() : '',
      tags: [
        ...faker.helpers.arrayElements(userTags, { min: 1, max: 3 }),
        ...faker.helpers.arrayElements(generatedTags, { min: 0, max: 2 }),
      ],
      width,
      height,
      contentType: 'image/jpeg',
      size: sizes ? sizes[i]! : faker.number.int({ min: 400_000, max: 12 * MB }),
      metadata: {},
      blurhash: blurhashForHue(hue),
      source: `generated:${hue}`,
      uploadedBy: faker.helpers.arrayElement(plan.uploaders),
      created,
      updated: created + faker.number.int({ max: Math.max(0, REFERENCE_DATE - created) }),
      trashedAt: trashed ? REFERENCE_DATE - faker.number.int({ min: 1, max: 20 }) * DAY : null,
      processingUntil: null,
      approval: null,
      approvalNote: null,
    }
    assets.push(asset)
    if (i >= (plan.trashed ?? 0) && i < (plan.trashed ?? 0) + (plan.withVariants ?? 0)) {
      const crops = faker.helpers.arrayElements(['square', 'wide', 'story'], { min: 1, max: 2 })
      // Each view is made after its parent and before the reference date, up to an hour apart, and bumps the
      // parent's `updated` (as adding a view does). No faker draw: every later id and date stays as it was.
      const gap = Math.max(1, Math.min(HOUR, Math.floor((REFERENCE_DATE - created) / (crops.length + 1))))
      asset.updated = Math.max(asset.updated, created + crops.length * gap)
      for (const [n, crop] of crops.entries()) {
        const [w, h] = crop === 'square' ? [1080, 1080] : crop === 'wide' ? [1920, 1080] : [1080, 1920]
        assets.push({
          ...asset,
          id: faker.string.alphanumeric(12),
          parentId: asset.id,
          name: asset.name.replace(/\.jpg$/, `-${crop}.jpg`),
          description: '',
          tags: [],
          width: w,
          height: h,
          size: faker.number.int({ min: 100_000, max: 2 * MB }),
          metadata: { crop },
          created: created + (n + 1) * gap,
          updated: created + (n + 1) * gap,
        })
      }
    }
  }
  return assets
}

/**
 * Marks a library's `count` oldest visible assets (with their views) as older ones, which the API answers with
 * Raster's documented nulls (`size`, `created`, `thumbHighUrl`, `uploadedBy`). No faker draw: nothing else moves.
 */
function withLegacy(assets: Asset[], count: number): Asset[] {
  const visible = assets.filter((asset) => asset.parentId === null && asset.trashedAt === null)
  const oldest = new Set(visible.sort((a, b) => a.created - b.created).slice(0, count).map((asset) => asset.id))
  return assets.map((asset) => (oldest.has(asset.id) || oldest.has(asset.parentId ?? '') ? { ...asset, legacy: true } : asset))
}

/** `count` positive sizes that add up to exactly `total`. */
function splitBytes(faker: Faker, total: number, count: number): number[] {
  const weights = Array.from({ length: count }, () => faker.number.int({ min: 50, max: 150 }))
  const sum = weights.reduce((a, b) => a + b, 0)
  const sizes = weights.map((weight) => Math.floor((total * weight) / sum))
  sizes[count - 1]! += total - sizes.reduce((a, b) => a + b, 0)
  return sizes
}

function organization(id: string, name: string, rest: Partial<Organization> = {}): Organization {
  return {
    id,
    name,
    plan: 'pro',
    planStatus: 'active',
    temporary: false,
    email: null,
    claimToken: null,
    expiresAt: null,
    createdAt: REFERENCE_DATE - 400 * DAY,
    ...rest,
  }
}

function libraries(organizationId: string, entries: Array<[id: string, name: string]>): Library[] {
  return entries.map(([id, name], position) => ({
    id,
    organizationId,
    name,
    position,
    createdAt: REFERENCE_DATE - (380 - position * 30) * DAY,
  }))
}

function key(id: string, organizationId: string, grants: Key['grants']): Key {
  return { id, organizationId, grants }
}

const all = (ids: string[], access: 'read' | 'write') => Object.fromEntries(ids.map((id) => [id, access]))

const owner = { role: 'owner' as const, grants: {} }

/** The fixture's OAuth users (docs/fixture.md): who they are and where they belong. */
function users(): User[] {
  const { monogram, acme, northwind } = fixture.organizations
  const { monogramOwner, monogramMember, allOrganizations, acmeOwner } = fixture.users
  return [
    { id: monogramOwner, name: 'Maya Owner', email: 'maya@monogram-labs.example', memberships: { [monogram]: owner } },
    {
      id: monogramMember,
      name: 'Milo Member',
      email: 'milo@monogram-labs.example',
      memberships: { [monogram]: { role: 'member', grants: { barcelona: 'write', tokyo: 'read' } } },
    },
    { id: allOrganizations, name: 'Ada Admin', email: 'ada@raster-agency.example', memberships: { [monogram]: owner, [acme]: owner, [northwind]: owner } },
    { id: acmeOwner, name: 'Alex Acme', email: 'alex@acme.example', memberships: { [acme]: owner } },
  ]
}

/** The fixture users' access tokens: fixed, never expiring, plus one revoked and one expired. */
function tokens(): Token[] {
  const { monogram, acme } = fixture.organizations
  const { users, tokens } = fixture
  const token = (id: string, userId: string, organizationId: string | null, rest: Partial<Token> = {}): Token => ({
    id,
    kind: 'access',
    userId,
    organizationId,
    createdAt: REFERENCE_DATE - DAY,
    expiresAt: null,
    revokedAt: null,
    clientId: null,
    redirectUri: null,
    codeChallenge: null,
    ...rest,
  })
  return [
    token(tokens.monogramOwner, users.monogramOwner, monogram),
    token(tokens.monogramMember, users.monogramMember, monogram),
    token(tokens.allOrganizations, users.allOrganizations, null),
    token(tokens.acmeOwner, users.acmeOwner, acme),
    token(tokens.revoked, users.monogramOwner, monogram, { revokedAt: REFERENCE_DATE - DAY / 2 }),
    token(tokens.expired, users.monogramOwner, monogram, { createdAt: REFERENCE_DATE - 2 * DAY, expiresAt: REFERENCE_DATE - DAY }),
  ]
}

/** Builds the fixture world from a seed: the same seed gives the same world, byte for byte. */
export function seedWorld(seed: number = DEFAULT_SEED): WorldRecords {
  const faker = createFaker(seed)
  const team = () => Array.from({ length: 3 }, () => faker.person.fullName())
  const { monogram, acme, northwind, unclaimed } = fixture.organizations

  const monogramLibraries = libraries(monogram, [['barcelona', 'Barcelona'], ['tokyo', 'Tokyo'], ['lisbon', 'Lisbon']])
  const acmeLibraries = libraries(acme, [['acme-1', 'Acme 1'], ['acme-2', 'Acme 2'], ['acme-3', 'Acme 3'], ['acme-4', 'Acme 4']])
  const monogramTeam = team()
  const acmeTeam = team()
  const acmeBytes = splitBytes(faker, GB - MB, acmeLibraries.length)

  return {
    organizations: [
      organization(monogram, 'Monogram Labs'),
      organization(acme, 'Acme', { plan: 'free' }),
      organization(northwind, 'Northwind', { planStatus: 'canceled' }),
      organization(unclaimed, 'Unclaimed Demo', {
        plan: 'free',
        temporary: true,
        email: fixture.unclaimedEmail,
        claimToken: 'demo-claim-token',
        createdAt: REFERENCE_DATE - DAY,
        expiresAt: REFERENCE_DATE + 29 * DAY,
      }),
    ],
    libraries: [
      ...monogramLibraries,
      ...acmeLibraries,
      ...libraries(northwind, [['northwind-main', 'Northwind']]),
      ...libraries(unclaimed, [['drafts', 'Drafts']]),
    ],
    keys: [
      key(fixture.keys.monogramWrite, monogram, all(['barcelona', 'tokyo', 'lisbon'], 'write')),
      key(fixture.keys.monogramRead, monogram, all(['barcelona', 'tokyo', 'lisbon'], 'read')),
      key(fixture.keys.monogramTokyo, monogram, { tokyo: 'write' }),
      key(fixture.keys.acmeWrite, acme, all(['acme-1', 'acme-2', 'acme-3', 'acme-4'], 'write')),
      key(fixture.keys.northwindWrite, northwind, { 'northwind-main': 'write' }),
      key(fixture.keys.unclaimedDemo, unclaimed, { drafts: 'write' }),
    ],
    assets: [
      ...withLegacy(fakeAssets(faker, { organizationId: monogram, libraryId: 'barcelona', count: 50, trashed: 2, withVariants: 6, uploaders: monogramTeam }), LEGACY_PER_LIBRARY),
      ...withLegacy(fakeAssets(faker, { organizationId: monogram, libraryId: 'tokyo', count: 24, uploaders: monogramTeam }), LEGACY_PER_LIBRARY),
      ...acmeLibraries.flatMap((library, i) =>
        fakeAssets(faker, { organizationId: acme, libraryId: library.id, count: 3, totalBytes: acmeBytes[i]!, uploaders: acmeTeam }),
      ),
      ...fakeAssets(faker, { organizationId: northwind, libraryId: 'northwind-main', count: 12, uploaders: team() }),
      ...fakeAssets(faker, { organizationId: unclaimed, libraryId: 'drafts', count: 4, totalBytes: 100 * MB - MB, uploaders: ['Guest'] }),
    ],
    users: users(),
    tokens: tokens(),
    sequence: 0,
  }
}
