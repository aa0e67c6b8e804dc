import { z } from 'zod'

/**
 * Where an MCP upload takes a file from (docs/mcp.md, "Uploads"): a URL the server fetches, or the file's bytes
 * in base64. The MCP adapter turns each into a file before the upload operation sees it.
 */
export const uploadSource = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('url'),
    url: z.url({ protocol: /^(https?|data)$/ }).describe('An http(s) URL the server fetches, or a data: URL.'),
  }),
  z.object({
    kind: z.literal('base64'),
    filename: z.string().min(1),
    mimeType: z.string().min(1),
    data: z.base64().describe("The file's bytes in base64."),
  }),
])

export type UploadSource = z.output<typeof uploadSource>
