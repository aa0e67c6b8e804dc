import { imageSize } from 'image-size'
import { z } from 'zod'
import { RasterError, badInput, errorCatalogue, messages } from '../contract/errors.js'
import * as Api from '../contract/schemas.js'
import { blurhashForHue, hueOf } from '../images.js'
import type { Asset } from '../model/records.js'
import type { OperationContext } from './context.js'
import { text } from './input.js'
import { defineOperation } from './operation.js'
import { presentAsset } from './present.js'

const MAX_FILES = 20

interface ReceivedFile {
  name: string
  contentType: string
  bytes: Uint8Array
  width: number
  height: number
}

/** Width and height from the file's header; 0 × 0 when the bytes are not a format we can read. */
function dimensionsOf(bytes: Uint8Array): { width: number; height: number } {
  try {
    const { width = 0, height = 0 } = imageSize(bytes)
    return { width, height }
  } catch {
    return { width: 0, height: 0 }
  }
}

const isFile = (value: unknown): value is File =>
  typeof value === 'object' && value !== null && typeof (value as File).arrayBuffer === 'function' && typeof (value as File).size === 'number'

/** Step 9 of an upload: plan and quotas, from the real sizes of the files. */
function requireRoomFor(context: OperationContext, bytes: number): void {
  const { world, caller, library, limits } = context
  const organization = caller.organization
  if (organization.plan === 'pro' && organization.planStatus === 'canceled') throw new RasterError('PRO_PLAN_CANCELED')
  if (organization.plan === 'free' && world.organizationStorage(organization.id) + bytes > limits.freePlanBytes) {
    throw new RasterError('STORAGE_LIMIT_EXCEEDED')
  }
  if (organization.temporary && world.libraryStorage(library) + bytes > limits.temporaryLibraryBytes) {
    throw new RasterError('EPHEMERAL_STORAGE_LIMIT_EXCEEDED')
  }
}

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
      if (!file.type.startsWith('image/')) {
        throw badInput(messages.notAnImage(index))
      }
      if (file.size > context.limits.fileBytes) throw new RasterError('PAYLOAD_TOO_LARGE')
      const bytes = new Uint8Array(await file.arrayBuffer())
      received.push({ name: file.name || 'upload', contentType: file.type, bytes, ...dimensionsOf(bytes) })
    }
    return { files: received, parentId }
  },
  output: Api.UploadResult,
  async run(context, { files, parentId }: { files: ReceivedFile[]; parentId: string | undefined }) {
    requireRoomFor(context, files.reduce((sum, file) => sum + file.bytes.byteLength, 0))
    const parent = parentId === undefined ? undefined : context.world.visibleAsset(context.library, parentId)
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
    const shown = parent ? [context.world.asset(parent.id)!] : stored
    const noun = files.length === 1 ? 'asset' : 'assets'
    return {
      responseText: parent ? `Uploaded 1 variant of ${parent.name}` : `Uploaded ${files.length} ${noun}`,
      assets: shown.map((asset) => presentAsset(context, asset)),
    }
  },
})
