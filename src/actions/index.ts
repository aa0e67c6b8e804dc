import { createAnonymousLibrary } from './create-anonymous-library.js'
import { createLibrary } from './create-library.js'
import type { Action, ActionInput, ActionResult } from './define.js'
import { deleteAssets } from './delete-assets.js'
import { getAsset } from './get-asset.js'
import { listAssets } from './list-assets.js'
import { listLibraries } from './list-libraries.js'
import { listTags } from './list-tags.js'
import { me } from './me.js'
import { promoteVariant } from './promote-variant.js'
import { renameLibrary } from './rename-library.js'
import { searchAssets } from './search-assets.js'
import { setAssetApproval } from './set-asset-approval.js'
import { tagAssets } from './tag-assets.js'
import { transferAssets } from './transfer-assets.js'
import { untagAssets } from './untag-assets.js'
import { updateAssetDescription } from './update-asset-description.js'
import { uploadAssets } from './upload-assets.js'
import { apiVersions, type VersionList } from './versions.js'

/** Every action of the API, by name, in the order the GraphQL schema lists their fields. */
export const actionsByName = {
  listAssets,
  getAsset,
  searchAssets,
  listLibraries,
  listTags,
  me,
  uploadAssets,
  deleteAssets,
  tagAssets,
  untagAssets,
  updateAssetDescription,
  transferAssets,
  createLibrary,
  renameLibrary,
  createAnonymousLibrary,
  setAssetApproval,
  promoteVariant,
}

export type ActionName = keyof typeof actionsByName
/** What an action takes, before the mock's checks: `ActionInputOf<'tagAssets'>` is `{ assetIds, tags }`. */
export type ActionInputOf<N extends ActionName> = ActionInput<(typeof actionsByName)[N]>
/** What an action answers in `data`: `ActionResultOf<'getAsset'>` is `Asset`. */
export type ActionResultOf<N extends ActionName> = ActionResult<(typeof actionsByName)[N]>

/** The API the adapters serve: its actions (in the order the schema and the docs list them) and its versions. */
export interface ApiDefinition {
  actions: readonly Action[]
  versions: VersionList
}

export const rasterApi: ApiDefinition = { actions: Object.values(actionsByName), versions: apiVersions }
