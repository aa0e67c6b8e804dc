import { json, type Exchange, type ProbeRequest } from './exchange.js'
import type { AllowedWrite } from './guard.js'

/** The cycle's writes, as the guard allows them below the scratch library. */
export const cycleWrites: readonly AllowedWrite[] = [
  { method: 'POST', below: '/assets' },
  { method: 'POST', below: '/assets/tag' },
  { method: 'PATCH', below: '/assets/:assetId/description' },
  { method: 'DELETE', below: '/assets' },
]

/** The tag and the file the cycle writes, named so a person who sees them in the library knows where they came from. */
const SCRATCH_TAG = 'raster-mock-verify'
const FILE_NAME = 'raster-mock-verify.png'

/** A real 3 × 2 PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAEUlEQVR4nGP4z8DwHwYZkDkAl+8L9e5dqdAAAAAASUVORK5CYII=', 'base64')

/** What the cycle says before it writes anything. */
export const announcement = (origin: string, libraryId: string) =>
  `raster-mock verify: --allow-writes: in library ${libraryId} on ${origin}, uploading 1 PNG (${FILE_NAME}), tagging it ${SCRATCH_TAG}, describing it, then moving it to the trash.`

/** One step of the cycle: its probe id and its request, given the library and the asset uploaded first. */
export interface WriteStep {
  id: string
  request(library: string, assetId: string): ProbeRequest
}

const upload: WriteStep = {
  id: 'write:upload',
  request: (library) => ({
    method: 'POST',
    path: `${library}/assets`,
    form: () => {
      const form = new FormData()
      form.append('files', new File([png], FILE_NAME, { type: 'image/png' }))
      return form
    },
  }),
}

/** The steps after the upload, in order; the last one (the delete) runs whatever happened before it. */
export const afterUpload: readonly WriteStep[] = [
  { id: 'write:tag', request: (library, assetId) => ({ method: 'POST', path: `${library}/assets/tag`, json: { assetIds: [assetId], tags: [SCRATCH_TAG] } }) },
  {
    id: 'write:describe',
    request: (library, assetId) => ({ method: 'PATCH', path: `${library}/assets/${assetId}/description`, json: { description: 'Written by raster-mock verify.' } }),
  },
]
const cleanUp: WriteStep = { id: 'write:delete', request: (library, assetId) => ({ method: 'DELETE', path: `${library}/assets`, json: { ids: [assetId] } }) }

/** The id of the asset an upload answered, if it did. */
function uploadedId(exchange: Exchange): string | undefined {
  const id = (json(exchange) as { data?: { assets?: { id?: unknown }[] } } | undefined)?.data?.assets?.[0]?.id
  return typeof id === 'string' ? id : undefined
}

/** One step sent to both sides, given the asset each side uploaded (none yet for the upload). */
type Step = (write: WriteStep, realAsset: string, mockAsset: string) => Promise<{ real: Exchange; mock: Exchange }>

/**
 * The cycle, in order: upload; then, if the real API took the file, tag and describe it, and move it to the
 * trash whatever happened in between, so a failed step leaves nothing behind.
 */
export async function writeCycle(step: Step): Promise<void> {
  const uploaded = await step(upload, '', '')
  const realAsset = uploadedId(uploaded.real)
  if (!realAsset) return
  const mockAsset = uploadedId(uploaded.mock) ?? ''
  try {
    for (const write of afterUpload) await step(write, realAsset, mockAsset)
  } finally {
    await step(cleanUp, realAsset, mockAsset)
  }
}
