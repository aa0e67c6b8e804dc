import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The contract lives in the repository (docs/contract.md and the pages it lists): the code and the docs point
 * only at files a contributor has, and every page and section they name exists. A reference in code is a page,
 * optionally with its section, as `docs/errors.md#order-of-checks` or `(docs/errors.md, "Order of checks")`; a
 * link in Markdown is `[text](page.md#anchor)`, relative to its file.
 */
const root = join(dirname(new URL(import.meta.url).pathname), '..')
const codeFolders = ['src', 'handlers', 'scenarios', 'test', 'scripts', 'bench']
const textFile = /\.(?:[cm]?[jt]sx?|md|sh|html|css|graphql)$/

/** Spelled in pieces, so this file does not hold what it looks for. */
const forbidden = [['contract', ' §'], ['..', '/shared'], ['raster-api', '.md']].map((parts) => parts.join(''))

function filesUnder(folder: string): string[] {
  const absolute = join(root, folder)
  if (!existsSync(absolute)) return []
  return readdirSync(absolute).flatMap((name) => {
    const path = join(absolute, name)
    if (name === 'node_modules') return []
    if (statSync(path).isDirectory()) return filesUnder(relative(root, path))
    return textFile.test(name) ? [relative(root, path)] : []
  })
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

/** The headings of a Markdown file, outside its code blocks. */
function headingsOf(file: string): string[] {
  let fenced = false
  const headings: string[] = []
  for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    const match = fenced ? null : /^#{1,6}\s+(.+?)\s*#*$/.exec(line)
    if (match) headings.push(match[1]!)
  }
  return headings
}

/** What is wrong with a reference to `page` (relative to the repository) and its section, if anything. */
function problem(page: string, section: { anchor?: string | undefined; heading?: string | undefined }): string | undefined {
  if (!existsSync(join(root, page))) return `${page} does not exist`
  const headings = headingsOf(page)
  if (section.anchor !== undefined && !headings.some((heading) => anchorOf(heading) === section.anchor)) {
    return `${page} has no heading with the anchor #${section.anchor}`
  }
  if (section.heading !== undefined && !headings.includes(section.heading)) return `${page} has no heading "${section.heading}"`
  return undefined
}

const codeFiles = codeFolders.flatMap(filesUnder)
const markdownFiles = ['README.md', ...filesUnder('docs').filter((file) => file.endsWith('.md'))]

describe('references to the contract', () => {
  it('name no document outside the repository', () => {
    const found = [...codeFiles, ...filesUnder('docs')].flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8')
      return forbidden.filter((word) => text.includes(word)).map((word) => `${file}: "${word}"`)
    })
    expect(found).toEqual([])
  })

  it('in code name docs pages and sections that exist', () => {
    const reference = /\bdocs\/([\w-]+\.md)(?:#([\w-]+)|, "([^"]+)")?/g
    const broken = codeFiles.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(reference)].flatMap(([text, page, anchor, heading]) => {
        const wrong = problem(`docs/${page}`, { anchor, heading })
        return wrong ? [`${file}: ${text}: ${wrong}`] : []
      }),
    )
    expect(broken).toEqual([])
    expect(codeFiles.length).toBeGreaterThan(50)
  })

  it('in the README and docs link to pages and headings that exist', () => {
    const link = /\]\(([^)\s#:]+\.md)(?:#([^)\s]+))?\)/g
    const broken = markdownFiles.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(link)].flatMap(([text, target, anchor]) => {
        const wrong = problem(relative(root, join(root, dirname(file), target!)), { anchor })
        return wrong ? [`${file}: ${text}: ${wrong}`] : []
      }),
    )
    expect(broken).toEqual([])
  })
})
