// A shortcut past graphql-js's execution for the documents apps send most: one query field answering a record or
// a list of records, of which only scalar fields are asked. graphql-js finds that answer by resolving each field
// of each item (700 resolver calls for a page of 50 assets with 14 fields, three times the REST list's cost).
// Here the root field's resolver runs as graphql-js would call it, and each item's JSON text is made once for the
// document, kept by the item: presented records never change (a write presents a new one). Anything else, and
// anything that could fail before the resolver runs, is left to graphql-js.
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'
import { isImmutableJson } from '../src/contract/envelope.js'
import { queryFields, type GraphQLContext } from './graphql-schema.js'

/** A scalar field of the items, as the document asks it. */
interface ItemField {
  /** Its key in the answer: the alias, else the name. */
  key: string
  name: string
  /** Undefined for `__typename`, answered with the item type's name. */
  definition: GraphQLField<unknown, unknown> | undefined
}

/** How to answer a document without graphql-js's execution. */
interface Plan {
  operation: OperationDefinitionNode
  root: FieldNode
  rootDefinition: GraphQLField<unknown, unknown>
  item: GraphQLObjectType
  fields: readonly ItemField[]
  /** The JSON text of each immutable item, by the item. */
  texts: WeakMap<object, string>
}

/** What the shortcut answered: the whole body's text, or the error that failed the request. */
export type PlannedAnswer = { text: string } | { error: unknown }

const plans = new WeakMap<DocumentNode, Plan | null>()

/** The plan of a valid document, made once per document; null when graphql-js must run it. */
function planOf(schema: GraphQLSchema, document: DocumentNode): Plan | null {
  let plan = plans.get(document)
  if (plan === undefined) plans.set(document, (plan = makePlan(schema, document)))
  return plan
}

function makePlan(schema: GraphQLSchema, document: DocumentNode): Plan | null {
  const [operation, ...others] = document.definitions
  if (others.length || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return null
  const roots = onlyFields(operation.selectionSet)
  if (operation.directives?.length || roots?.length !== 1) return null
  const root = roots[0]!
  const rootDefinition = schema.getQueryType()?.getFields()[root.name.value]
  const item = rootDefinition && itemType(rootDefinition.type)
  const selected = root.selectionSet && onlyFields(root.selectionSet)
  if (!item || item.isTypeOf || !selected) return null
  const fields = new Map<string, ItemField>()
  for (const node of selected) {
    const name = node.name.value
    const key = node.alias?.value ?? name
    if (node.arguments?.length) return null
    // Validation lets a key repeat only for the same field; graphql-js answers it once, where it came first.
    if (fields.has(key)) continue
    if (name === '__typename') {
      fields.set(key, { key, name, definition: undefined })
      continue
    }
    const definition = item.getFields()[name]
    if (!definition || definition.resolve || !isLeafType(getNamedType(definition.type))) return null
    fields.set(key, { key, name, definition })
  }
  return { operation, root, rootDefinition, item, fields: [...fields.values()], texts: new WeakMap() }
}

/** The fields of a selection set without fragments or directives, else undefined. */
function onlyFields(selections: SelectionSetNode): FieldNode[] | undefined {
  const fields = selections.selections.filter((node): node is FieldNode => node.kind === Kind.FIELD && !node.directives?.length)
  return fields.length === selections.selections.length ? fields : undefined
}

/** The object type of a field that answers one object or a list of them, else undefined. */
function itemType(type: GraphQLOutputType): GraphQLObjectType | undefined {
  const nullable = getNullableType(type)
  const item = isListType(nullable) ? getNullableType(nullable.ofType) : nullable
  return isObjectType(item) ? item : undefined
}

/**
 * Answers `document` when it has a plan and its variables and operation name are what graphql-js would run;
 * undefined (nothing run, nothing changed) when graphql-js must run it.
 *
 * @example
 * const answer = await answerByPlan(rasterSchema, document, { variables: { page: 2 }, operationName: undefined }, context)
 * if (answer && 'text' in answer) return graphqlTextResponse(answer.text)
 */
export async function answerByPlan(
  schema: GraphQLSchema,
  document: DocumentNode,
  { variables, operationName }: { variables: Record<string, unknown>; operationName: string | undefined },
  context: GraphQLContext,
): Promise<PlannedAnswer | undefined> {
  const plan = planOf(schema, document)
  if (!plan || getOperationAST(document, operationName) !== plan.operation) return undefined
  const coerced = getVariableValues(schema, plan.operation.variableDefinitions ?? [], variables, { maxErrors: 50 })
  if (!coerced.coerced) return undefined
  try {
    const args = getArgumentValues(plan.rootDefinition, plan.root, coerced.coerced)
    const value = await queryFields[plan.rootDefinition.name]!(args, context)
    const root = completed(plan.rootDefinition.type, value, `Query.${plan.rootDefinition.name}`, (item) => itemText(plan, item))
    return { text: `{"data":{${JSON.stringify(plan.root.alias?.value ?? plan.root.name.value)}:${textOf(root)}}}` }
  } catch (error) {
    // As in graphql-js's path: any field error fails the whole request (graphql-run.ts).
    return { error }
  }
}

/**
 * `value` completed for `type` as graphql-js completes it: null where the type allows it, lists item by item,
 * `named` for the rest. It throws where graphql-js reports a field error (null for a non-null type, a scalar it
 * cannot serialize), which fails the whole request on both paths.
 */
function completed(type: GraphQLOutputType, value: unknown, where: string, named: (value: unknown) => unknown): unknown {
  if (value == null) {
    if (isNonNullType(type)) throw new Error(`[raster-mock] ${where} is null for a non-null type.`)
    return null
  }
  const nullable = getNullableType(type)
  if (!isListType(nullable)) return named(value)
  if (!Array.isArray(value)) throw new Error(`[raster-mock] ${where} is not a list.`)
  return value.map((item) => completed(nullable.ofType, item, where, named))
}

/** The JSON text of a completed root value, whose items are already texts. */
const textOf = (value: unknown): string =>
  Array.isArray(value) ? `[${value.map(textOf).join(',')}]` : value === null ? 'null' : (value as string)

/** An item's selected fields as JSON, made once for an immutable item. */
function itemText(plan: Plan, item: unknown): string {
  const immutable = isImmutableJson(item)
  const cached = immutable ? plan.texts.get(item) : undefined
  if (cached !== undefined) return cached
  const answer: Record<string, unknown> = {}
  for (const { key, name, definition } of plan.fields) {
    if (!definition) {
      answer[key] = plan.item.name
      continue
    }
    const where = `${plan.item.name}.${name}`
    const raw = (item as Record<string, unknown>)[name]
    // graphql-js calls a function-valued property; a presented record is data, never functions.
    if (typeof raw === 'function') throw new Error(`[raster-mock] ${where} is a function.`)
    const leaf = getNamedType(definition.type) as GraphQLLeafType
    answer[key] = completed(definition.type, raw, where, (value) => {
      const serialized = leaf.serialize(value)
      if (serialized == null) throw new Error(`[raster-mock] ${where} serialized to null.`)
      return serialized
    })
  }
  const text = JSON.stringify(answer)
  if (immutable) plan.texts.set(item, text)
  return text
}
