import { z } from 'zod'
import * as Api from '../contract/schemas.js'
import type { Asset } from '../model/records.js'
import { canReach, isLocked, requireGrant, requireUnlocked } from '../pipeline/steps.js'
import { pageOf, pagination } from './input.js'
import { defineOperation } from './operation.js'
import { presentAsset, tagName } from './present.js'

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Weights of a term found in each field: a name match ranks above a tag match, above a description match. */
const WEIGHT = { name: 3, tags: 2, description: 1 }

function score(asset: Asset, terms: string[]): number {
  let total = 0
  for (const term of terms) {
    let termScore = 0
    if (asset.name.toLowerCase().includes(term)) termScore += WEIGHT.name
    if (asset.tags.some((tag) => tagName(tag).toLowerCase().includes(term))) termScore += WEIGHT.tags
    if (asset.description.toLowerCase().includes(term)) termScore += WEIGHT.description
    if (termScore === 0) return 0
    total += termScore
  }
  return total
}

/**
 * The text as HTML with every match of `pattern` wrapped in `<mark>`. Matches are
 * found in the original text and each piece escaped after, so a mark never splits
 * an entity (`amp` does not match inside `&amp;`).
 */
function mark(text: string, pattern: RegExp): string {
  let html = ''
  let last = 0
  for (const match of text.matchAll(pattern)) {
    html += `${escapeHtml(text.slice(last, match.index))}<mark>${escapeHtml(match[0])}</mark>`
    last = match.index + match[0].length
  }
  return html + escapeHtml(text.slice(last))
}

const matchesAny = (text: string, terms: string[]) => terms.some((term) => text.toLowerCase().includes(term))

/** The highlights of a hit: only the fields that matched, and none at all when neither did. */
function highlightsOf(name: string, tags: string[], terms: string[], pattern: RegExp | null): Api.SearchHit['highlights'] {
  if (!pattern) return undefined
  const highlights: NonNullable<Api.SearchHit['highlights']> = {}
  if (matchesAny(name, terms)) highlights.name = mark(name, pattern)
  const matched = tags.filter((tag) => matchesAny(tag, terms))
  if (matched.length) highlights.tags = matched.map((tag) => mark(tag, pattern))
  return highlights.name === undefined && highlights.tags === undefined ? undefined : highlights
}

/**
 * Search across the libraries the key can read: every term of `q` must match the
 * name, description or tags; an empty `q` lists the most recent assets.
 */
export const searchAssets = defineOperation({
  scope: 'organization',
  access: 'read',
  input: z.object({
    q: z.string().trim().max(256).default(''),
    // A library named twice is searched once, so no hit is counted twice.
    libraries: z.array(z.string().trim().min(1)).max(100).transform((ids) => [...new Set(ids)]).optional(),
    // Api-Version 2026-07-08's filter (its REST endpoint reads the parameter; 2026-05-20's does not).
    approval: z.enum(['in_review', 'approved', 'needs_changes', 'none']).optional(),
    ...pagination,
  }),
  output: Api.SearchResult,
  run(context, { q, libraries, approval, page, pageSize }) {
    const { world, caller, limits } = context
    const searched = libraries?.length
      ? libraries.map((id) => {
          const library = requireGrant(world, caller.key, id, 'read')
          requireUnlocked(caller.organization, library, limits.freePlanLibraries)
          return library
        })
      : world
          .librariesOf(caller.organization.id)
          .filter((library) => canReach(caller.key, library.id))
          .filter((library) => !isLocked(caller.organization, library, limits.freePlanLibraries))

    const terms = q.toLowerCase().split(/\s+/).filter(Boolean)
    const pattern = terms.length ? new RegExp(terms.map(escapeRegExp).join('|'), 'gi') : null
    const approved = approval === undefined ? undefined : approval === 'none' ? null : approval
    const scored = searched
      .flatMap((library) => world.visibleAssets(library))
      .filter((asset) => approved === undefined || (asset.approval ?? null) === approved)
      .map((asset) => ({ asset, score: terms.length ? score(asset, terms) : 0 }))
      .filter((hit) => !terms.length || hit.score > 0)
      .sort((a, b) => b.score - a.score || b.asset.created - a.asset.created || (a.asset.id < b.asset.id ? -1 : 1))

    const hits = pageOf(scored, page, pageSize).map(({ asset, score }) => {
      const presented = presentAsset(context, asset)
      const highlights = highlightsOf(asset.name, presented.tags, terms, pattern)
      return { ...presented, ...(highlights && { highlights }), score }
    })
    return { hits, found: scored.length, page }
  },
})
