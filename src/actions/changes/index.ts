/**
 * Api-Version 2026-07-08's changes (docs/rest.md, "Versions"), one module each, listed here by the actions they
 * touch. The changes that are behaviour rather than shape (partial uploads, 50 filter tags, the Free plan's
 * library limit, PRO_PLAN_CANCELED on library creation) are the operations' own: they read `env.apiVersion`.
 */
import { assetApprovalAndSizes } from './asset-approval-and-sizes.js'
import { countsAreBadUserInput } from './counts-are-bad-user-input.js'
import { libraryUrlTaken } from './library-url-taken.js'
import { meAllOrganizations } from './me-all-organizations.js'
import { proPlanEnded } from './pro-plan-ended.js'
import { searchByApproval } from './search-by-approval.js'
import { trashFor30Days } from './trash-for-30-days.js'
import { variantsNotViews } from './variants-not-views.js'

/** What every action answering assets takes. */
export const assetChanges = [variantsNotViews, assetApprovalAndSizes] as const

export const changesOf = {
  listAssets: assetChanges,
  getAsset: assetChanges,
  searchAssets: [...assetChanges, searchByApproval],
  uploadAssets: [...assetChanges, countsAreBadUserInput, proPlanEnded],
  deleteAssets: [countsAreBadUserInput, trashFor30Days],
  createLibrary: [libraryUrlTaken, proPlanEnded],
  me: [meAllOrganizations],
} as const
