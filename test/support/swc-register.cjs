/**
 * `node -r ./test/support/swc-register.cjs src/main.ts`: runs the TypeScript
 * sources in a child process without a build, compiled on load by SWC with
 * the same options as jest (decorator metadata included, which type-graphql
 * needs). Used by tests that spawn real server processes.
 *
 * The child exits on its own when the process that spawned it goes away, so
 * a crashed test run never leaves servers behind.
 */
/* global setInterval */
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();
