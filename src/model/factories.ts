import { MAX_IMAGE_SIDE } from '../config.js'
import { blurhashForHue } from '../gradient-blurhash.js'
import { stableId, slugify } from './ids.js'
import type { AccessLevel, Asset, Key, Library, Organization, Role, Token, User } from './records.js'
import type { WorldLayer } from './world-layer.js'

/**
 * The world's factories (`world.createOrganization`, …): records made from a
 * few fields, every other field given a sensible default derived from the
 * world's id sequence, so the same setup on the same seed gives the same world.
 * They read and write through the world's public methods only; `World`
 * (world.ts) offers them as its methods.
 * They build state; they do not refuse it: a library filled past its cap by
 * `createAsset` refuses the next upload, a fourth library of a Free
 * organization is locked, a key sees only the libraries it has a grant on.
 */

export interface OrganizationInput {
  /** A slug: lowercase letters, digits and dashes. */
  id: string
  /** Default: the id in words (`our-org` → `Our Org`). */
  name?: string
  /** Default `pro`. */
  plan?: 'free' | 'pro' | 'pro-canceled'
  /** An unclaimed organization, as anonymous `POST /libraries` makes: it expires 30 days from now. Default false. */
  temporary?: boolean
}

export interface LibraryInput {
  organizationId: string
  /** A slug, unique within the organization. */
  id: string
  /** Default: the id in words. */
  name?: string
}

export interface KeyInput {
  /** The bearer token, e.g. `pk_our_write`; unique in the world. */
  id: string
  organizationId: string
  /** Library id → access; the libraries must be the organization's. */
  grants: Record<string, AccessLevel>
}

export interface AssetInput {
  organizationId: string
  libraryId: string
  /** Default `<libraryId>-<n>.jpg` (`.png` for a PNG). */
  name?: string
  tags?: string[]
  description?: string
  /** Default a common photo size, derived from the asset's id. */
  width?: number
  height?: number
  /** `image/jpeg` (default) or `image/png`: the CDN serves real bytes of that type. */
  contentType?: 'image/jpeg' | 'image/png'
  /** Unix ms. Default now. */
  created?: number
  /** Makes the asset a view (variant) of this main asset of the same library. */
  parentId?: string
}

export interface UserInput {
  /** Unique in the world. Default `user-` and the world's next id. */
  id?: string
  /** Default: the id in words. */
  name?: string
  /** Default `<id>@example.com`. */
  email?: string
  /** organizationId → role; a Member reaches the libraries of its `grants`, an Owner every library with Write. */
  organizations: Record<string, { role: Role; grants?: Record<string, AccessLevel> }>
}

export interface TokenInput {
  userId: string
  /** The bearer token; unique in the world. Default `oat_` and 32 letters and digits. */
  id?: string
  /** The organization granted at consent; null: every organization of the user. Default: the user's only one, else null. */
  organizationId?: string | null
  /** Unix ms from which the token is refused (UNAUTHENTICATED). Default null: never. */
  expiresAt?: number | null
  /** A revoked token is refused (UNAUTHENTICATED). Default false. */
  revoked?: boolean
}

const DAY = 24 * 60 * 60 * 1000
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const SIZES: ReadonlyArray<readonly [number, number]> = [[4000, 3000], [3000, 4000], [6000, 4000], [1920, 1080], [2048, 2048], [1080, 1350]]

function fail(factory: string, argument: string, problem: string): never {
  throw new Error(`[raster-mock] ${factory}: ${argument} ${problem}.`)
}

const words = (id: string) => id.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ')

function requireOrganization(world: WorldLayer, factory: string, organizationId: unknown): Organization {
  const organization = typeof organizationId === 'string' ? world.organization(organizationId) : undefined
  if (!organization) fail(factory, `organizationId ${JSON.stringify(organizationId)}`, 'is not an organization of this world')
  return organization
}

function requireLibrary(world: WorldLayer, factory: string, organizationId: string, libraryId: unknown): Library {
  const library = typeof libraryId === 'string' ? world.library(organizationId, libraryId) : undefined
  if (!library) fail(factory, `libraryId ${JSON.stringify(libraryId)}`, `is not a library of ${organizationId}`)
  return library
}

function requireSlug(factory: string, argument: string, value: unknown): string {
  if (typeof value !== 'string' || !SLUG.test(value)) fail(factory, `${argument} ${JSON.stringify(value)}`, 'must be a slug (lowercase letters, digits and single dashes)')
  return value
}

/**
 * @example
 * await world.createOrganization({ id: 'our-org', plan: 'free' })
 */
export async function createOrganization(world: WorldLayer, input: OrganizationInput): Promise<Organization> {
  const id = requireSlug('createOrganization', 'id', input?.id)
  if (world.organization(id)) fail('createOrganization', `id "${id}"`, 'is taken')
  const plan = input.plan ?? 'pro'
  if (!['free', 'pro', 'pro-canceled'].includes(plan)) fail('createOrganization', `plan ${JSON.stringify(plan)}`, "must be 'free', 'pro' or 'pro-canceled'")
  const now = world.now()
  const temporary = input.temporary === true
  return world.insertOrganization({
    id,
    name: input.name ?? words(id),
    plan: plan === 'free' ? 'free' : 'pro',
    planStatus: plan === 'pro-canceled' ? 'canceled' : 'active',
    temporary,
    email: temporary ? `owner@${id}.example` : null,
    claimToken: temporary ? stableId(`raster-mock:claim:${world.nextId()}`, 32) : null,
    expiresAt: temporary ? now + 30 * DAY : null,
    createdAt: now,
  })
}

/**
 * @example
 * await world.createLibrary({ organizationId: 'our-org', id: 'logos' })
 */
export async function createLibrary(world: WorldLayer, input: LibraryInput): Promise<Library> {
  const organization = requireOrganization(world, 'createLibrary', input?.organizationId)
  const id = requireSlug('createLibrary', 'id', input.id)
  if (world.library(organization.id, id)) fail('createLibrary', `id "${id}"`, `is taken in ${organization.id}`)
  return world.insertLibrary({
    id,
    organizationId: organization.id,
    name: input.name ?? words(id),
    createdAt: world.now(),
    position: world.librariesOf(organization.id).length,
  })
}

/**
 * @example
 * await world.createKey({ id: 'pk_our_write', organizationId: 'our-org', grants: { logos: 'write' } })
 */
export async function createKey(world: WorldLayer, input: KeyInput): Promise<Key> {
  const organization = requireOrganization(world, 'createKey', input?.organizationId)
  if (typeof input.id !== 'string' || !/^\S+$/.test(input.id)) fail('createKey', `id ${JSON.stringify(input.id)}`, 'must be a token without spaces')
  if (world.key(input.id)) fail('createKey', `id "${input.id}"`, 'is taken')
  const grants = requireGrants(world, 'createKey', organization, 'grants', input.grants ?? {})
  return world.insertKey({ id: input.id, organizationId: organization.id, grants })
}

/**
 * @example
 * await world.createAsset({ organizationId: 'our-org', libraryId: 'logos', name: 'logo.png', contentType: 'image/png' })
 */
export async function createAsset(world: WorldLayer, input: AssetInput): Promise<Asset> {
  const organization = requireOrganization(world, 'createAsset', input?.organizationId)
  const library = requireLibrary(world, 'createAsset', organization.id, input.libraryId)
  const parent = input.parentId === undefined ? undefined : world.asset(input.parentId)
  if (input.parentId !== undefined && (!parent || parent.parentId !== null || parent.libraryId !== library.id || parent.organizationId !== organization.id)) {
    fail('createAsset', `parentId ${JSON.stringify(input.parentId)}`, `is not a main asset of ${organization.id}/${library.id}`)
  }
  const contentType = input.contentType ?? 'image/jpeg'
  if (contentType !== 'image/jpeg' && contentType !== 'image/png') fail('createAsset', `contentType ${JSON.stringify(contentType)}`, "must be 'image/jpeg' or 'image/png'")
  const id = world.nextId()
  const pick = Number.parseInt(stableId(`raster-mock:asset:${id}`, 6), 36)
  const [defaultWidth, defaultHeight] = SIZES[pick % SIZES.length]!
  const width = input.width ?? defaultWidth
  const height = input.height ?? defaultHeight
  for (const [argument, side] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_IMAGE_SIDE) fail('createAsset', `${argument} ${JSON.stringify(side)}`, 'must be a whole number of pixels from 1 to 20,000')
  }
  const tags = input.tags ?? []
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string' || tag.trim() === '' || tag.includes(','))) {
    fail('createAsset', 'tags', 'must be non-empty strings without commas')
  }
  const created = input.created ?? world.now()
  if (!Number.isSafeInteger(created)) fail('createAsset', `created ${JSON.stringify(created)}`, 'must be unix milliseconds')
  const hue = pick % 360
  const extension = contentType === 'image/png' ? 'png' : 'jpg'
  const record: Asset = {
    id,
    organizationId: organization.id,
    libraryId: library.id,
    parentId: parent?.id ?? null,
    name: input.name ?? `${slugify(library.id)}-${id.slice(0, 6).toLowerCase()}.${extension}`,
    description: input.description ?? '',
    tags: [...tags],
    width,
    height,
    contentType,
    // About what a camera's file of that size weighs: a JPEG a third of a byte a pixel, a PNG two.
    size: Math.max(1024, Math.round(width * height * (contentType === 'image/png' ? 2 : 0.35))),
    metadata: {},
    blurhash: blurhashForHue(hue),
    source: `generated:${hue}`,
    uploadedBy: 'raster-mock',
    created,
    updated: created,
    trashedAt: null,
    processingUntil: null,
    approval: null,
    approvalNote: null,
  }
  if (parent) {
    await world.apply({ assets: [record, { ...parent, updated: Math.max(parent.updated, created) }] })
    return world.asset(id)!
  }
  return world.insertAsset(record)
}

/**
 * Removes an asset for good (not to the trash), with its views.
 *
 * @example
 * await world.removeAsset(asset.id)
 */
export async function removeAsset(world: WorldLayer, id: string): Promise<void> {
  const asset = world.asset(id)
  if (!asset) fail('removeAsset', `id ${JSON.stringify(id)}`, 'is not an asset of this world')
  await world.apply({ removed: { assets: [id, ...world.variantsOf(id).map((view) => view.id)] } })
}

/**
 * Removes every asset of a library (visible, processing, in trash, and their views).
 *
 * @example
 * await world.clearLibrary('monogram-labs', 'barcelona')
 */
export async function clearLibrary(world: WorldLayer, organizationId: string, libraryId: string): Promise<void> {
  const organization = requireOrganization(world, 'clearLibrary', organizationId)
  const library = requireLibrary(world, 'clearLibrary', organization.id, libraryId)
  const ids = world
    .allAssets()
    .filter((asset) => asset.organizationId === organization.id && asset.libraryId === library.id)
    .map((asset) => asset.id)
  await world.apply({ removed: { assets: ids } })
}

function requireGrants(world: WorldLayer, factory: string, organization: Organization, argument: string, grants: Record<string, unknown>): Record<string, AccessLevel> {
  for (const [libraryId, access] of Object.entries(grants)) {
    if (!world.library(organization.id, libraryId)) fail(factory, `${argument}.${libraryId}`, `names no library of ${organization.id}`)
    if (access !== 'read' && access !== 'write') fail(factory, `${argument}.${libraryId}`, "must be 'read' or 'write'")
  }
  return { ...(grants as Record<string, AccessLevel>) }
}

/**
 * @example
 * await world.createUser({ organizations: { 'our-org': { role: 'owner' } } })
 */
export async function createUser(world: WorldLayer, input: UserInput): Promise<User> {
  const id = input?.id ?? `user-${world.nextId().toLowerCase()}`
  if (typeof id !== 'string' || !/^\S+$/.test(id)) fail('createUser', `id ${JSON.stringify(id)}`, 'must be text without spaces')
  if (world.user(id)) fail('createUser', `id "${id}"`, 'is taken')
  const memberships: User['memberships'] = {}
  for (const [organizationId, membership] of Object.entries(input.organizations ?? {})) {
    const organization = requireOrganization(world, 'createUser', organizationId)
    if (membership?.role !== 'owner' && membership?.role !== 'member') fail('createUser', `organizations.${organizationId}.role`, "must be 'owner' or 'member'")
    const grants = membership.role === 'owner' ? {} : requireGrants(world, 'createUser', organization, `organizations.${organizationId}.grants`, membership.grants ?? {})
    memberships[organization.id] = { role: membership.role, grants }
  }
  return world.insertUser({ id, name: input.name ?? words(id.replace(/^user-/, '')), email: input.email ?? `${id}@example.com`, memberships })
}

/**
 * @example
 * const token = await world.createToken({ userId: user.id })
 */
export async function createToken(world: WorldLayer, input: TokenInput): Promise<Token> {
  const user = typeof input?.userId === 'string' ? world.user(input.userId) : undefined
  if (!user) fail('createToken', `userId ${JSON.stringify(input?.userId)}`, 'is not a user of this world')
  const id = input.id ?? `oat_${stableId(`raster-mock:token:${world.nextId()}`, 32)}`
  if (typeof id !== 'string' || !/^oat_\S+$/.test(id)) fail('createToken', `id ${JSON.stringify(id)}`, 'must start with oat_ and have no spaces')
  if (world.token(id) || world.key(id)) fail('createToken', `id "${id}"`, 'is taken')
  const organizations = Object.keys(user.memberships)
  const organizationId = input.organizationId === undefined ? (organizations.length === 1 ? organizations[0]! : null) : input.organizationId
  if (organizationId !== null && !organizations.includes(organizationId)) {
    fail('createToken', `organizationId ${JSON.stringify(organizationId)}`, `is not an organization of ${user.id}`)
  }
  const expiresAt = input.expiresAt ?? null
  if (expiresAt !== null && !Number.isSafeInteger(expiresAt)) fail('createToken', `expiresAt ${JSON.stringify(expiresAt)}`, 'must be unix milliseconds or null')
  const now = world.now()
  return world.insertToken({
    id,
    kind: 'access',
    userId: user.id,
    organizationId,
    createdAt: now,
    expiresAt,
    revokedAt: input.revoked === true ? now : null,
    clientId: null,
    redirectUri: null,
    codeChallenge: null,
  })
}
