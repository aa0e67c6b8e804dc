import { z } from 'zod'
import { MAX_IMAGE_SIDE } from '../config.js'
import { RasterError, badInput, errorCatalogue, messages } from '../contract/errors.js'
import * as Api from '../contract/schemas.js'
import { blurhashForHue, hueOf } from '../images.js'
import type { Asset } from '../model/records.js'
import { currentLibrary, currentOrganization } from '../pipeline/steps.js'
import { text } from './input.js'
import { defineOperation } from './operation.js'
import { presentAsset } from './present.js'
import { requireRoomFor } from './quota.js'
import { sniffImage, type SniffedImage } from './sniff.js'

export const MAX_FILES = 20
/** File systems' limit on a file name, in UTF-8 bytes. */
const MAX_FILE_NAME_BYTES = 255

/** A file of an upload, sniffed: its name, bytes and what they are. */
export interface ReceivedFile extends SniffedImage {
  name: string
  bytes: Uint8Array
}

const isFile = (value: unknown): value is File =>
  typeof value === 'object' && value !== null && typeof (value as File).arrayBuffer === 'function' && typeof (value as File).size === 'number'

/**
 * Upload up to 20 image files, all or nothing. With `parentId` (one file only)
 * the file becomes a variant of that asset, and the parent is returned.
 */
export const uploadAssets = defineOperation({
  scope: 'library',
  access: 'write',
  input: z.object({
    files: z.array(z.unknown()).default([]).meta({ description: 'Image files (multipart `files` fields)' }),
    parentId: text().optional(),
  }),
  async check({ files, parentId }, context) {
    if (files.length === 0) throw new RasterError('UPLOAD_ERROR_NO_FILES')
    if (files.length > MAX_FILES) throw new RasterError('MAX_ASSETS_EXCEEDED', errorCatalogue.MAX_ASSETS_EXCEEDED.message)
    if (parentId !== undefined && files.length > 1) throw badInput(messages.parentIdWithSeveralFiles)
    const received: ReceivedFile[] = []
    for (const [index, file] of files.entries()) {
      if (!isFile(file)) throw badInput(messages.notAFile(index))
      const name = file.name || 'upload'
      if (new TextEncoder().encode(name).byteLength > MAX_FILE_NAME_BYTES) {
        throw badInput(messages.fileNameTooLong(index, MAX_FILE_NAME_BYTES))
      }
      if (file.size > context.limits.fileBytes) throw new RasterError('PAYLOAD_TOO_LARGE')
      const bytes = new Uint8Array(await file.arrayBuffer())
      // The bytes say what the file is; the part's Content-Type is the client's claim and is ignored.
      const image = sniffImage(bytes)
      if (!image) throw badInput(messages.notAnImage(index, name))
      if (Math.max(image.width, image.height) > MAX_IMAGE_SIDE) {
        throw badInput(messages.imageTooLarge(index, name, image.width, image.height, MAX_IMAGE_SIDE))
      }
      received.push({ name, bytes, ...image })
    }
    return { files: received, parentId }
  },
  output: Api.UploadResult,
  async run(context, { files, parentId }: { files: ReceivedFile[]; parentId: string | undefined }) {
    const { world } = context
    const organization = currentOrganization(world, context.caller.organization)
    const library = currentLibrary(world, context.library)
    if (organization.plan === 'pro' && organization.planStatus === 'canceled') throw new RasterError('PRO_PLAN_CANCELED')
    const bytes = files.reduce((sum, file) => sum + file.bytes.byteLength, 0)
    requireRoomFor(context, organization, library, { library: bytes, organization: bytes })
    const parent = parentId === undefined ? undefined : world.visibleAsset(library, parentId)
    if (parentId !== undefined && !parent) throw new RasterError('RESOURCE_NOT_FOUND')

    const now = context.now()
    const stored: Asset[] = []
    for (const file of files) {
      const source = `file:${await context.files.put(file.bytes, file.contentType)}`
      stored.push(
        await context.world.insertAsset({
          id: context.world.nextId(),
          organizationId: context.library.organizationId,
          libraryId: context.library.id,
          parentId: parent?.id ?? null,
          name: file.name,
          description: '',
          tags: [],
          width: file.width,
          height: file.height,
          contentType: file.contentType,
          size: file.bytes.byteLength,
          metadata: {},
          blurhash: blurhashForHue(hueOf({ source })),
          source,
          uploadedBy: 'API',
          created: now,
          updated: now,
          trashedAt: null,
          processingUntil: context.limits.processingMs > 0 ? now + context.limits.processingMs : null,
        }),
      )
    }
    // A new view changes the asset, as tagging and describing do.
    const shown = parent ? [await world.updateAsset(world.asset(parent.id)!, { updated: now })] : stored
    const noun = files.length === 1 ? 'asset' : 'assets'
    return {
      responseText: parent ? `Uploaded 1 variant of ${parent.name}` : `Uploaded ${files.length} ${noun}`,
      assets: shown.map((asset) => presentAsset(context, asset)),
    }
  },
})
