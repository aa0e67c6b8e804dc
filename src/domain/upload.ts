import { z } from 'zod'
import { MAX_IMAGE_SIDE } from '../config.js'
import { RasterError, badInput, errorCatalogue, messages } from '../contract/errors.js'
import * as Api from '../contract/schemas.js'
import { blurhashForHue, hueOf } from '../images.js'
import type { Asset } from '../model/records.js'
import { currentLibrary, currentOrganization } from '../pipeline/steps.js'
import { answersSince } from '../contract/versions.js'
import { text } from './input.js'
import { defineOperation } from './operation.js'
import { presentAsset } from './present.js'
import { isCanceledPro, requireRoomFor } from './quota.js'
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

/** A file of an upload, or why it is left out: a file that is not an image, or that could not be read. */
type Reading = ReceivedFile | { refused: string }

/** Reads one `files` part. A file not an image, or unreadable, is refused; any other fault fails the upload. */
async function readFile(file: unknown, index: number, maxBytes: number): Promise<Reading> {
  if (!isFile(file)) return { refused: messages.notAFile(index) }
  const name = file.name || 'upload'
  if (new TextEncoder().encode(name).byteLength > MAX_FILE_NAME_BYTES) throw badInput(messages.fileNameTooLong(index, MAX_FILE_NAME_BYTES))
  if (file.size > maxBytes) throw new RasterError('PAYLOAD_TOO_LARGE')
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await file.arrayBuffer())
  } catch {
    return { refused: messages.unreadableFile(index, name) }
  }
  // The bytes say what the file is; the part's Content-Type is the client's claim and is ignored.
  const image = sniffImage(bytes)
  if (!image) return { refused: messages.notAnImage(index, name) }
  if (Math.max(image.width, image.height) > MAX_IMAGE_SIDE) {
    throw badInput(messages.imageTooLarge(index, name, image.width, image.height, MAX_IMAGE_SIDE))
  }
  return { name, bytes, ...image }
}

/**
 * Upload up to 20 image files. With `parentId` (one file only) the file becomes a variant of that asset, and the
 * parent is returned. In Api-Version 2026-05-20 an upload is all or nothing; from 2026-07-08 a file that is not
 * an image, or unreadable, is left out and named in `responseText`, and the others are uploaded.
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
    const partial = answersSince(context.apiVersion, '2026-07-08')
    const received: ReceivedFile[] = []
    const leftOut: string[] = []
    for (const [index, file] of files.entries()) {
      const reading = await readFile(file, index, context.limits.fileBytes)
      if (!('refused' in reading)) received.push(reading)
      else if (partial) leftOut.push(reading.refused)
      else throw badInput(reading.refused)
    }
    if (received.length === 0) throw badInput(leftOut.join(' '))
    return { files: received, parentId, leftOut }
  },
  output: Api.UploadResult,
  async run(context, { files, parentId, leftOut }: { files: ReceivedFile[]; parentId: string | undefined; leftOut: string[] }) {
    const { world } = context
    const organization = currentOrganization(world, context.caller.organization)
    const library = currentLibrary(world, context.library)
    if (isCanceledPro(organization)) throw new RasterError('PRO_PLAN_CANCELED')
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
          approval: null,
          approvalNote: null,
        }),
      )
    }
    // A new view changes the asset, as tagging and describing do.
    const shown = parent ? [await world.updateAsset(world.asset(parent.id)!, { updated: now })] : stored
    const noun = files.length === 1 ? 'asset' : 'assets'
    const uploaded = parent ? `Uploaded 1 variant of ${parent.name}` : `Uploaded ${files.length} ${noun}`
    return {
      responseText: leftOut.length === 0 ? uploaded : `${uploaded}. ${messages.leftOut(leftOut.length, leftOut)}`,
      assets: shown.map((asset) => presentAsset(context, asset)),
    }
  },
})
