import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { resolveRuntimeSecrets } from '../src/runtime-secrets';

const KEY_HEX = 'ab'.repeat(32);

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './data',
      logLevel: 'info',
      schedulerEnabled: true,
    });
  });

  it("reads the seed's SYNC_WEBHOOK_URLS and WEBHOOK_SECRET, and refuses the URLs alone", () => {
    expect(loadConfig({}).events).toEqual({ webhookUrls: [], concurrencyPerWebhook: 16 });
    expect(
      loadConfig({
        SYNC_WEBHOOK_URLS: 'https://a.example/hook, https://b.example/hook',
        WEBHOOK_SECRET: 'sixteen-chars-at-least',
      }).events,
    ).toEqual({
      webhookUrls: ['https://a.example/hook', 'https://b.example/hook'],
      webhookSecret: 'sixteen-chars-at-least',
      concurrencyPerWebhook: 16,
    });
    expect(problemsOf({ SYNC_WEBHOOK_URLS: 'https://a.example/hook' })).toEqual([
      expect.stringMatching(/^WEBHOOK_SECRET: required when SYNC_WEBHOOK_URLS is set/),
    ]);
    expect(
      problemsOf({ SYNC_WEBHOOK_URLS: 'ftp://a.example', WEBHOOK_SECRET: 'x'.repeat(16) }),
    ).toEqual([expect.stringMatching(/^SYNC_WEBHOOK_URLS/)]);
  });

  it('reads RUN_PROGRESS_PER_SECOND (4 by default) and refuses a rate outside 0.1-20', () => {
    expect(loadConfig({}).runProgressPerSecond).toBe(4);
    expect(loadConfig({ RUN_PROGRESS_PER_SECOND: '0.5' }).runProgressPerSecond).toBe(0.5);
    expect(problemsOf({ RUN_PROGRESS_PER_SECOND: '0' })).toEqual([
      expect.stringMatching(/^RUN_PROGRESS_PER_SECOND: /),
    ]);
    expect(problemsOf({ RUN_PROGRESS_PER_SECOND: 'often' })).toEqual([
      expect.stringMatching(/^RUN_PROGRESS_PER_SECOND: /),
    ]);
  });

  it('reads HUB_NICE: 10 for an API replica and 0 for a worker by default, 0-19 when set', () => {
    expect(loadConfig({}).hubNice).toBe(0);
    expect(loadConfig({ WORKER_CONCURRENCY: '0' }).hubNice).toBe(10);
    expect(loadConfig({ WORKER_CONCURRENCY: '0', HUB_NICE: '0' }).hubNice).toBe(0);
    expect(loadConfig({ HUB_NICE: '19' }).hubNice).toBe(19);
    for (const value of ['-1', '20', 'low']) {
      expect(problemsOf({ HUB_NICE: value })).toEqual([expect.stringMatching(/^HUB_NICE: /)]);
    }
  });

  it('refuses private targets and trusts no proxy unless told', () => {
    expect(loadConfig({})).toMatchObject({ allowPrivateTargets: false, trustProxy: false });
    expect(loadConfig({ ALLOW_PRIVATE_TARGETS: 'true' }).allowPrivateTargets).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe(
      'loopback, 10.0.0.0/8',
    );
    expect(problemsOf({ TRUST_PROXY: 'every body!' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: /),
    ]);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      TRIBUTARY_SECRET_KEY: 'too-short',
      TRIBUTARY_ADMIN_TOKEN: 'short',
      SCHEDULER_ENABLED: 'maybe',
      DATABASE_URL: 'mysql://x/y',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'SCHEDULER_ENABLED',
      'TRIBUTARY_ADMIN_TOKEN',
      'TRIBUTARY_SECRET_KEY',
    ]);
    expect(problems.join('\n')).not.toContain('too-short');
  });

  it('accepts the secret key as hex or base64, and refuses DATABASE_URL without one', () => {
    const hex = loadConfig({ TRIBUTARY_SECRET_KEY: KEY_HEX });
    const base64 = loadConfig({
      TRIBUTARY_SECRET_KEY: Buffer.from(KEY_HEX, 'hex').toString('base64'),
    });
    expect(hex.secretKey?.equals(base64.secretKey!)).toBe(true);
    expect(problemsOf({ DATABASE_URL: 'postgres://u@localhost/db' })).toEqual([
      expect.stringMatching(/^TRIBUTARY_SECRET_KEY: required when DATABASE_URL is set/),
    ]);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@localhost/db', TRIBUTARY_SECRET_KEY: KEY_HEX })
        .databaseUrl,
    ).toBe('postgres://u@localhost/db');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SCHEDULER_ENABLED: '' })).toMatchObject({
      port: 4000,
      schedulerEnabled: true,
    });
  });
});

describe('resolveRuntimeSecrets', () => {
  it('generates the key and admin token once into DATA_DIR (0600) and reuses them', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tributary-secrets-'));
    const config = { ...loadConfig({}), dataDir };
    const first = await resolveRuntimeSecrets(config);
    expect(first.secretKey).toHaveLength(32);
    expect(first.newAdminToken).toBe(first.adminToken);
    for (const file of ['secret-key', 'admin-token']) {
      expect((await stat(path.join(dataDir, file))).mode & 0o777).toBe(0o600);
    }
    const second = await resolveRuntimeSecrets(config);
    expect(second.secretKey.equals(first.secretKey)).toBe(true);
    expect(second.adminToken).toBe(first.adminToken);
    expect(second.newAdminToken).toBeUndefined();
    expect((await readFile(path.join(dataDir, 'admin-token'), 'utf8')).trim()).toBe(
      first.adminToken,
    );
  });

  it('uses the environment when it gives them', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tributary-secrets-'));
    const config = {
      ...loadConfig({ TRIBUTARY_SECRET_KEY: KEY_HEX, TRIBUTARY_ADMIN_TOKEN: 'x'.repeat(40) }),
      dataDir,
    };
    const secrets = await resolveRuntimeSecrets(config);
    expect(secrets.secretKey.toString('hex')).toBe(KEY_HEX);
    expect(secrets.adminToken).toBe('x'.repeat(40));
    expect(secrets.newAdminToken).toBeUndefined();
  });
});
