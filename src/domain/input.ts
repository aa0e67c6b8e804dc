import { z } from 'zod'
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../config.js'
import { badInput, messages } from '../contract/errors.js'
import { answersSince } from '../contract/versions.js'

/**
 * Step 8 of the pipeline (docs/errors.md, "Order of checks"): raw input (REST query and body, GraphQL arguments)
 * checked against a zod schema. A failure becomes BAD_USER_INPUT with one
 * sentence that names the field, e.g. "assetIds[2] must be a string.".
 */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw, { reportInput: true })
  if (result.success) return result.data
  throw badInput(describeIssue(result.error.issues[0]!))
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)),
    '',
  ) || 'The input'
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // Our own messages are whole sentences; zod's defaults never end with a period.
  if (issue.message.endsWith('.')) return issue.message
  const field = fieldName(issue.path)
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${field} is required.`
      return `${field} must be ${issue.expected === 'array' ? 'an array' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}.`
    case 'too_small':
      if (issue.origin === 'string') return `${field} must not be empty.`
      if (issue.origin === 'array') return `${field} must contain at least ${issue.minimum} item(s).`
      return `${field} must be at least ${issue.minimum}.`
    case 'too_big':
      if (issue.origin === 'string') return `${field} must be at most ${issue.maximum} characters long.`
      if (issue.origin === 'array') return `${field} must contain at most ${issue.maximum} items.`
      return `${field} must be at most ${issue.maximum}.`
    case 'invalid_format':
      return issue.format === 'email' ? `${field} must be a valid email address.` : `${field} has an invalid format.`
    case 'invalid_value':
      return `${field} must be one of: ${issue.values.join(', ')}.`
    default:
      return `${field}: ${issue.message}.`
  }
}

/** A non-empty string without surrounding spaces. */
export const text = (max = 256) => z.string().trim().min(1).max(max)

/** A whole number in a range, with one message whatever is wrong (a number of another kind, or not a number). */
function wholeNumber(min: number, max: number, message: string) {
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message })
}

export const pageSchema = wholeNumber(1, Number.MAX_SAFE_INTEGER, messages.invalidPage)
export const pageSizeSchema = wholeNumber(1, PAGE_SIZE_MAX, messages.invalidPageSize(PAGE_SIZE_MAX))
export const limitSchema = wholeNumber(1, 1000, messages.invalidLimit(1000))

export const pagination = {
  page: pageSchema.default(1),
  pageSize: pageSizeSchema.default(PAGE_SIZE_DEFAULT),
}

/** The most tags a list can filter by: 5 in Api-Version 2026-05-20, 50 from 2026-07-08. */
export const maxFilterTags = (apiVersion: string) => (answersSince(apiVersion, '2026-07-08') ? 50 : 5)

/** Tags to filter by, any of them matching; how many a version takes is `maxFilterTags`'s to say. */
export const tagFilterSchema = z
  .array(z.string())
  .transform((tags) => [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))])
  .optional()

/** The filter's tags, at most as many as the request's version takes. */
export function filterTags(tags: string[] | undefined, apiVersion: string): string[] | undefined {
  const max = maxFilterTags(apiVersion)
  if (tags !== undefined && tags.length > max) throw badInput(messages.tooManyFilterTags(max))
  return tags
}

export function pageOf<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const start = (page - 1) * pageSize
  return start >= items.length ? [] : items.slice(start, start + pageSize)
}

/** The asset ids of a bulk operation. */
export const idList = z.array(z.string().trim().min(1).max(256))
