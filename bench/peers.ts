/**
 * The bench's peers, installed on demand into a cache folder rather than held in devDependencies: json-server
 * 1.x needs Node ≥ 22.12 (it runs on the npm `node` package's binary), and none of them is needed by the tests.
 * The first `npm run bench` installs them (~20 s, from the npm registry); later runs reuse the folder.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
/** Under node_modules, so it is ignored by git and dropped with the rest of node_modules. */
export const PEERS_DIR = join(root, 'node_modules/.cache/raster-mock-bench')

/** Exact versions, so every run measures the same peers. */
export const PEER_VERSIONS = { 'json-server': '1.0.0-beta.15', node: '22.23.3', autocannon: '9.0.0' } as const
type Peer = keyof typeof PEER_VERSIONS

const manifestOf = (name: Peer) => join(PEERS_DIR, 'node_modules', name, 'package.json')
const installedVersion = (name: Peer) => (existsSync(manifestOf(name)) ? (createRequire(manifestOf(name))(manifestOf(name)) as { version: string }).version : undefined)
/** The `node` package's binary (its preinstall script fetches the platform's build). */
export const NODE_22 = join(PEERS_DIR, 'node_modules/node/bin/node')

const nodeRuns = () => spawnSync(NODE_22, ['--version'], { encoding: 'utf8' }).stdout?.trim() === `v${PEER_VERSIONS.node}`

/** Installs the peers that are missing or of another version; returns the folder. */
export function ensurePeers(log: (step: string) => void = () => {}): string {
  const missing = (Object.keys(PEER_VERSIONS) as Peer[]).filter((name) => installedVersion(name) !== PEER_VERSIONS[name])
  if (missing.length) {
    log(`installing ${missing.map((name) => `${name}@${PEER_VERSIONS[name]}`).join(', ')} into ${PEERS_DIR}`)
    mkdirSync(PEERS_DIR, { recursive: true })
    writeFileSync(join(PEERS_DIR, 'package.json'), JSON.stringify({ private: true, description: 'peers of npm run bench, installed on demand' }))
    const specs = (Object.keys(PEER_VERSIONS) as Peer[]).map((name) => `${name}@${PEER_VERSIONS[name]}`)
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...specs], { cwd: PEERS_DIR, stdio: ['ignore', 'ignore', 'inherit'] })
  }
  // npm may skip the `node` package's install script (allowScripts); `rebuild` runs it.
  if (!nodeRuns()) execFileSync('npm', ['rebuild', 'node'], { cwd: PEERS_DIR, stdio: ['ignore', 'ignore', 'inherit'] })
  if (!nodeRuns()) throw new Error(`${NODE_22} is not Node ${PEER_VERSIONS.node}`)
  return PEERS_DIR
}

/** A peer's bin script, by its package's manifest. */
export function peerBin(name: Peer, bin: string): string {
  const manifest = createRequire(manifestOf(name))(manifestOf(name)) as { bin: string | Record<string, string> }
  return join(dirname(manifestOf(name)), typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin]!)
}

/** autocannon from the cache folder (typed by bench/autocannon.d.ts). */
export async function loadAutocannon(): Promise<typeof import('autocannon').default> {
  ensurePeers()
  const module = (await import(createRequire(manifestOf('autocannon')).resolve('autocannon'))) as { default: typeof import('autocannon').default }
  return module.default
}
