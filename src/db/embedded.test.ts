import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readOrCreate } from './embedded';

describe('readOrCreate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-read-or-create-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the file once with mode 0600 and reuses it', async () => {
    const file = path.join(dir, 'secret');
    expect(await readOrCreate(file, () => 'first')).toBe('first');
    expect(await readOrCreate(file, () => 'second')).toBe('first');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('gives every concurrent caller the one value that won, and leaves no temporary files', async () => {
    const file = path.join(dir, 'anchor-key');
    const values = await Promise.all(
      Array.from({ length: 20 }, (_, i) => readOrCreate(file, () => `value-${i}`)),
    );
    const stored = (await readFile(file, 'utf8')).trim();
    expect(new Set(values)).toEqual(new Set([stored]));
    expect(await readdir(dir)).toEqual(['anchor-key']);
  });
});
