import { fieldName, isAbsent, type Action } from './define.js'
import type { ApiDefinition } from './index.js'

const cell = (text: string) => text.replaceAll('|', '\\|')

function restCell(action: Action): string {
  if (isAbsent(action.rest)) return `— (${cell(action.rest.absent)})`
  const { method, path, status } = action.rest
  return `\`${method.toUpperCase()} ${path}\`${status ? ` → ${status}` : ''}`
}

function graphqlCell(action: Action): string {
  if (isAbsent(action.graphql)) return `— (${cell(action.graphql.absent)})`
  return action.graphql
    .map((binding) => `${binding.type} \`${fieldName(binding)}\`${binding.deprecated ? ' (deprecated)' : ''}`)
    .join(', ')
}

/**
 * docs/endpoints.md: every action with its REST endpoint and GraphQL field, and what each version changes,
 * generated from the definitions (`npm run docs`; a test fails when the page is stale).
 */
export function endpointsPage(api: ApiDefinition): string {
  const rows = api.actions.map((action) => `| \`${action.name}\` | ${restCell(action)} | ${graphqlCell(action)} | ${cell(action.summary)} |`)
  const changes = api.actions.flatMap((action) => (action.changes ?? []).map((change) => ({ action: action.name, change })))
  const versions = api.versions.map((version, index) => {
    const own = changes.filter(({ change }) => change.version === version)
    if (index === 0) return `- \`${version}\`: the first version; every other is described by its changes from the one before.`
    if (own.length === 0) return `- \`${version}\`: no change to any action.`
    return [`- \`${version}\`:`, ...own.map(({ action, change }) => `  - \`${action}\`: ${change.description}`)].join('\n')
  })
  return `# Endpoints

<!-- Generated from the action definitions in src/actions/ by \`npm run docs\`: edit those, not this page. -->

Every action of the API, defined once in \`src/actions/\`, and where each surface serves it. REST paths are below
the API base (\`https://api.raster.app\`); GraphQL fields are on its \`/\`. [rest.md](rest.md) and
[graphql.md](graphql.md) describe the requests and answers.

| action | REST | GraphQL | what it does |
|---|---|---|---|
${rows.join('\n')}

## Versions

The \`Api-Version\` header of a REST request picks the version of its answer; a value the mock does not know is
answered as the first version.

${versions.join('\n')}
`
}
