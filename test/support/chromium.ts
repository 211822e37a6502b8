import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findClientDist } from '../../src/server/dashboard';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const PLAYWRIGHT = path.join(ROOT, 'client', 'node_modules', 'playwright-core');

/** Where browser tests leave their screenshots. */
export const E2E_OUT = path.join(ROOT, 'test-output', 'e2e');

// playwright-core is the client's dependency, loaded from there untyped.
export type Browser = any;

/**
 * `describe` for a browser test, or `describe.skip` (with a warning naming
 * what is missing) without Chromium, a built client or playwright-core;
 * under CI=true a missing piece fails instead. `what` names the test in
 * those messages.
 */
export function describeWithChromium(what: string): jest.Describe {
  const missing = [
    !existsSync(CHROMIUM) && CHROMIUM,
    !findClientDist() && 'client/dist (npm run build:client)',
    !existsSync(PLAYWRIGHT) && 'client/node_modules/playwright-core (npm ci --prefix client)',
  ].filter(Boolean);
  if (missing.length && process.env.CI) throw new Error(`${what} needs ${missing.join(', ')}`);
  if (missing.length) console.warn(`${what} skipped: missing ${missing.join(', ')}`);
  return missing.length ? describe.skip : describe;
}

/** Headless Chromium through playwright-core, sandbox and GPU off. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = createRequire(__filename)(PLAYWRIGHT) as {
    chromium: { launch(options: object): Promise<Browser> };
  };
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
