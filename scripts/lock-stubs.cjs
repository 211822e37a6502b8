#!/usr/bin/env node
// The registry mirror this project is developed against serves only the
// platform packages of its own machines (linux-x64), so `npm install` writes a
// lockfile without entries for other platforms' optional binaries (darwin,
// win32, musl...), and `npm ci` then refuses the lockfile as out of sync.
// This adds a version-only entry for each such optional dependency: npm skips
// it on platforms it does not fit and fetches it from the registry where it
// does. Run after every `npm install` that changes package-lock.json:
// `node scripts/lock-stubs.cjs [dir]`, dir defaulting to the repo root
// (`node scripts/lock-stubs.cjs client` for the dashboard's lockfile).
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(__dirname, '..');
const file = path.join(dir, 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = lock.packages;
let added = 0;
for (const [at, entry] of Object.entries(nodes)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (nodes[nested] || nodes[top]) continue;
    nodes[top] = { version, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added += 1;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-stubs: added ${added} optional platform entries`);
