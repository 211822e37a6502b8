import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printSchema } from 'graphql';
import { buildTributarySchema } from './build';

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'schema.graphql');

/** The SDL as checked in at the repo root: reviewable, and diffed against the contract. */
export async function printTributarySchema(): Promise<string> {
  return printSchema(await buildTributarySchema()) + '\n';
}

if (require.main === module) {
  // Run from dist/src/schema/emit.js by `npm run build`.
  printTributarySchema()
    .then((sdl) => writeFile(SCHEMA_FILE, sdl))
    .then(() => console.log(`schema written to ${SCHEMA_FILE}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
