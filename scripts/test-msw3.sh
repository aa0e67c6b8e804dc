#!/usr/bin/env bash
# The Node test suite (type-check + vitest) and the consumer tests against msw 3, which needs Node >= 22.12.
# Runs in a temporary copy of the project so the working tree keeps msw 2.
# Node 24 comes from the npm `node` package (no other toolchain download), and
# npm, tsc and vitest all run on it: its bin directory goes first on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/raster-mock-msw3.XXXXXX")"
trap 'rm -rf "$work"' EXIT

npm_quiet=(--prefer-offline --no-audit --no-fund --loglevel=error)
mkdir "$work/toolchain"
(cd "$work/toolchain" && npm init -y >/dev/null && npm install "${npm_quiet[@]}" node@24)
export PATH="$work/toolchain/node_modules/.bin:$PATH"

mkdir "$work/project"
tar -C "$root" --exclude=./node_modules --exclude=./dist --exclude=./.start --exclude=./.git -cf - . | tar -C "$work/project" -xf -
cd "$work/project"
npm ci "${npm_quiet[@]}"
npm install "${npm_quiet[@]}" --save-dev msw@^3
echo "msw3: node $(node --version), msw $(node -p "require('msw/package.json').version")"
# The MCP Inspector's CLI (Node 22.19+) drives the standalone server in test/mcp-inspector.test.ts: installed here,
# on demand, never a devDependency (it brings a web app, Vite and React).
mkdir "$work/inspector"
(cd "$work/inspector" && npm init -y >/dev/null && npm install "${npm_quiet[@]}" @modelcontextprotocol/inspector@^2.12.0)
export MCP_INSPECTOR="$work/inspector/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
npm test
# The packed package in a fresh project, which now gets msw 3 from this copy's devDependencies.
npm run test:package
