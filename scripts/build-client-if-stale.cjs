#!/usr/bin/env node
// `npm start` serves the dashboard from client/dist: build it when it is
// missing or older than anything it is built from (its sources, its lockfile,
// the emitted schema its types come from). Installs client deps first if needed.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const client = path.join(__dirname, '..', 'client');
const built = path.join(client, 'dist', 'index.html');

function newest(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(target)) max = Math.max(max, newest(path.join(target, name)));
  return max;
}

const sources = [
  'src',
  'index.html',
  'package.json',
  'package-lock.json',
  'vite.config.ts',
  'codegen.ts',
]
  .map((name) => path.join(client, name))
  .concat(path.join(__dirname, '..', 'schema.graphql'));
const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
if (builtAt && sources.every((source) => newest(source) <= builtAt)) process.exit(0);

const run = (cmd) => execSync(cmd, { cwd: client, stdio: 'inherit' });
console.log('dashboard: building client/dist');
if (!fs.existsSync(path.join(client, 'node_modules', '.bin', 'vite'))) run('npm ci');
run('npm run build');
