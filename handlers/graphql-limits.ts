import {
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type Token,
  visit,
} from 'graphql'
import { messages, type graphqlDocumentErrors } from '../src/contract/errors.js'
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../src/config.js'
import { PHOTOS_PAGE_SIZE } from '../src/actions/list-assets.js'

/**
 * What one GraphQL document may ask for (README "Limits"). Each is far above what real clients send: the
 * introspection query of GraphiQL and graphql-codegen is 2 KB, ~190 tokens, 229 fields once its fragments are
 * expanded, 14 levels deep and costs ~5,000; Raster's toolkit's `photos` (500 assets with their views) costs
 * 45,000, and every field of 500 assets or search hits ~77,000.
 */
export const graphqlLimits = {
  /** Bytes of the query text (UTF-8). */
  documentBytes: 1_000_000,
  /** Lexical tokens. */
  tokens: 10_000,
  /**
   * Brackets (`{`, `[`, `(`) open at once. Counted before parsing: graphql-js parses nested selections and
   * values recursively, and a few thousand levels overflow the stack well before the token limit.
   */
  brackets: 200,
  /** Fields of the operation, aliases counted apiece and each fragment spread counted where it is used. */
  fields: 2_000,
  /** Nested selection sets of the operation, fragments expanded. */
  depth: 20,
  /** Fields, each multiplied by the estimated sizes of the lists around it. */
  cost: 250_000,
} as const

/** A list with no page size of its own (`views`, `tags`) is estimated at this many items. */
const NESTED_LIST_ESTIMATE = 10

/**
 * What one `searchAssets` costs besides its result: a search reads every asset of the libraries it searches, so it
 * counts as many as the largest world the mock ships holds (`many-assets`, 10,000). 700 searches of `found` would
 * otherwise cost 1,400 and read 7 million assets.
 */
const SEARCHED_ASSETS = 10_000

export interface LimitFailure {
  code: keyof typeof graphqlDocumentErrors
  message: string
}

/** The document-size failure, if the text is over the limit. Checked before parsing so a huge text costs nothing. */
export function documentTooLarge(query: string): LimitFailure | undefined {
  // A UTF-8 character is 1 to 3 bytes per UTF-16 unit: most texts are decided without encoding them.
  const { documentBytes } = graphqlLimits
  if (query.length * 3 <= documentBytes) return undefined
  if (query.length <= documentBytes && new TextEncoder().encode(query).length <= documentBytes) return undefined
  return { code: 'GRAPHQL_DOCUMENT_TOO_LARGE', message: messages.graphqlDocumentTooLarge(documentBytes) }
}

/**
 * The token or bracket failure (GRAPHQL_PARSE_FAILED), if the text is over a limit. Lexing is a loop, not a
 * recursion, so this pass is safe on any text; a lexing error is left for the parser to report with its location.
 */
export function lexicalLimit(query: string): LimitFailure | undefined {
  const lexer = new Lexer(new Source(query))
  let tokens = 0
  let open = 0
  for (let token = nextToken(lexer); token && token.kind !== TokenKind.EOF; token = nextToken(lexer)) {
    if (++tokens > graphqlLimits.tokens) return { code: 'GRAPHQL_PARSE_FAILED', message: messages.graphqlTooManyTokens(graphqlLimits.tokens) }
    if (OPENING.has(token.kind) && ++open > graphqlLimits.brackets) {
      return { code: 'GRAPHQL_PARSE_FAILED', message: messages.graphqlNestedTooDeep(graphqlLimits.brackets) }
    }
    if (CLOSING.has(token.kind)) open--
  }
  return undefined
}

/** The next token, or undefined where the text cannot be lexed (the parser then says why). */
function nextToken(lexer: Lexer): Token | undefined {
  try {
    return lexer.advance()
  } catch {
    return undefined
  }
}

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L])
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R])

/** What one operation of a document asks for, as the limits count it. */
export interface Measure {
  fields: number
  depth: number
  cost: number
}

/** The first limit an operation of a parsed document exceeds (fields, depth, estimated cost), or undefined. */
export function exceededLimit(schema: GraphQLSchema, document: DocumentNode): LimitFailure | undefined {
  const repeated = repeatedNames(document)
  for (const { fields, depth, cost } of measureDocument(schema, document)) {
    if (fields + repeated > graphqlLimits.fields) return { code: 'GRAPHQL_TOO_MANY_FIELDS', message: messages.graphqlTooManyFields(graphqlLimits.fields) }
    if (depth > graphqlLimits.depth) return { code: 'GRAPHQL_DEPTH_LIMIT_EXCEEDED', message: messages.graphqlTooDeep(graphqlLimits.depth) }
    if (cost > graphqlLimits.cost) return { code: 'GRAPHQL_COST_LIMIT_EXCEEDED', message: messages.graphqlTooCostly(graphqlLimits.cost) }
  }
  return undefined
}

/**
 * The measure of each operation of a parsed document, fragments expanded. Runs before
 * validation, which can be quadratic in the number of fields: unknown fields count as plain fields, and a
 * fragment cycle counts once (validation then rejects it). Each fragment is measured once per page-size hint,
 * so a "fragment bomb" (each fragment spreading the next twice) is measured in linear time, its counts huge.
 */
export function measureDocument(schema: GraphQLSchema, document: DocumentNode): Measure[] {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  const measured = new Map<string, Measure>()
  const visiting = new Set<string>()

  function measureSet(set: SelectionSetNode, type: GraphQLCompositeType | undefined, hint: number): Measure {
    const total: Measure = { fields: 0, depth: 0, cost: 0 }
    const add = (inner: Measure) => {
      total.fields += inner.fields
      total.depth = Math.max(total.depth, inner.depth)
      total.cost += inner.cost
    }
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) add(measureField(selection, type, hint))
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type
        add(measureSet(selection.selectionSet, isCompositeType(condition) ? condition : undefined, hint))
      } else add(measureFragment(selection.name.value, hint))
    }
    return total
  }

  function measureFragment(name: string, hint: number): Measure {
    const key = `${name}:${hint}`
    const known = measured.get(key)
    if (known) return known
    const fragment = fragments.get(name)
    if (!fragment || visiting.has(key)) return { fields: 0, depth: 0, cost: 0 }
    visiting.add(key)
    const condition = schema.getType(fragment.typeCondition.name.value)
    const result = measureSet(fragment.selectionSet, isCompositeType(condition) ? condition : undefined, hint)
    visiting.delete(key)
    measured.set(key, result)
    return result
  }

  function measureField(node: FieldNode, parent: GraphQLCompositeType | undefined, hint: number): Measure {
    const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined
    const items = field ? listSize(field, node, parent!.name, hint) : 1
    const work = field && parent!.name === 'Query' && field.name === 'searchAssets' ? SEARCHED_ASSETS : 0
    if (!node.selectionSet) return { fields: 1, depth: 0, cost: items + work }
    const child = field && getNamedCompositeType(field)
    const inner = measureSet(node.selectionSet, child, pageSizeOf(node) ?? PAGE_SIZE_DEFAULT)
    return { fields: 1 + inner.fields, depth: 1 + inner.depth, cost: items * (1 + inner.cost) + work }
  }

  return document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? [measureSet(definition.selectionSet, schema.getRootType(definition.operation) ?? undefined, PAGE_SIZE_DEFAULT)]
      : [],
  )
}

/**
 * What fields repeated under one name add to the field count: n fields of one selection set that answer under the
 * same name (alias or field name) count n × n, so n × n − n more. graphql-js checks that they can merge by
 * comparing every pair, each with its sub-selections: 1,000 copies of `a: viewer { plan }`, within every other
 * limit, take seconds to validate. A selection set is taken as graphql-js groups it: its inline fragments and
 * the fragments it spreads (each once) flattened into it. Every selection set of the document counts, those of
 * fragments no operation spreads too (validation compares them as well).
 */
export function repeatedNames(document: DocumentNode): number {
  const fragments = new Map<string, SelectionSetNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet)
  }
  const ofFragment = new Map<string, Map<string, number>>()

  /** How many fields of `set` answer under each name, fragments flattened; a fragment cycle contributes nothing. */
  function names(set: SelectionSetNode, counts = new Map<string, number>(), spread = new Set<string>()): Map<string, number> {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = (selection.alias ?? selection.name).value
        counts.set(name, (counts.get(name) ?? 0) + 1)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) names(selection.selectionSet, counts, spread)
      else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value)
        for (const [name, count] of namesOfFragment(selection.name.value)) counts.set(name, (counts.get(name) ?? 0) + count)
      }
    }
    return counts
  }

  function namesOfFragment(name: string): Map<string, number> {
    const known = ofFragment.get(name)
    if (known) return known
    ofFragment.set(name, new Map()) // a cycle reaching it again adds nothing
    const set = fragments.get(name)
    const counts = set ? names(set, new Map(), new Set([name])) : new Map<string, number>()
    ofFragment.set(name, counts)
    return counts
  }

  let extra = 0
  visit(document, {
    SelectionSet(node, _key, parent) {
      // An inline fragment's selections are counted in the selection set around it.
      if (!parent || Array.isArray(parent) || (parent as { kind?: string }).kind === Kind.INLINE_FRAGMENT) return
      for (const count of names(node).values()) extra += count * count - count
    },
  })
  return extra
}

function getNamedCompositeType(field: GraphQLField<unknown, unknown>): GraphQLCompositeType | undefined {
  let type = getNullableType(field.type)
  while (isListType(type)) type = getNullableType(type.ofType)
  return isCompositeType(type) ? type : undefined
}

/**
 * A `pageSize` or `limit` argument as the estimate sees it: its literal value (at most the largest page), the
 * largest page when a variable gives it, undefined when absent.
 */
function pageSizeOf(node: FieldNode): number | undefined {
  const argument = node.arguments?.find(({ name }) => name.value === 'pageSize' || name.value === 'limit')
  if (!argument) return undefined
  if (argument.value.kind !== Kind.INT) return PAGE_SIZE_MAX
  return Math.min(Math.max(Number(argument.value.value), 1), PAGE_SIZE_MAX)
}

/**
 * How many items a field's list is estimated to hold: its own page size; `photos`' fixed 500; the page size of
 * the field above for a list of a paged result (`searchAssets { hits }`); a default page for a paged root list;
 * a few items for any other list. A field that is not a list is 1.
 */
function listSize(field: GraphQLField<unknown, unknown>, node: FieldNode, parent: string, hint: number): number {
  if (!isListType(getNullableType(field.type))) return 1
  const own = pageSizeOf(node)
  if (own !== undefined) return own
  if (parent === 'Query' && field.name === 'photos') return PHOTOS_PAGE_SIZE
  if (field.args.some(({ name }) => name === 'pageSize')) return PAGE_SIZE_DEFAULT
  if (parent === 'SearchResult') return hint
  return NESTED_LIST_ESTIMATE
}
