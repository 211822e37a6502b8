/**
 * BANK_SFTP's stream: the settlement files of the run's cycle dates.
 *
 * Per cycle date (scheduled: T-syncDaysBack; windowed: each date of the
 * window) the files in remoteDir matching filePattern, in name order. Per
 * file:
 * 1. its `.sha256` sidecar (checksum sha256-sidecar): missing -> REJECTED;
 *    same name and SHA-256 as an INGESTED file -> UNCHANGED, not downloaded;
 * 2. the download to a temporary file (parallel reads), hashed as it is
 *    read back; a hash that is not the sidecar's -> REJECTED;
 * 3. one streaming parse (csv-parse: quotes, BOM, CRLF, the delimiter)
 *    COPYs the rows into a staging table of the file's own
 *    (domains/settlements/staging), checking that the header names every
 *    configured column and that every row parses: a bad file is REJECTED
 *    and nothing of it is kept. While it runs, small pages count the rows
 *    read (live progress; a cancel stops the parse);
 * 4. one page whose transaction writes the file's ledger row, its
 *    settlements (each row once), their references and its skipped rows,
 *    and drops the staging table: readers see the whole file or nothing.
 * A run killed or cancelled mid-file has stored nothing of it: the next run
 * reads the file again (and drops the staging table left behind), so every
 * row is stored once. Nothing on the server is ever written, moved or
 * deleted: the only calls are list, stat-less get.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { recordFile, wasIngested, type LedgerEntry } from '../../domains/settlements/ledger';
import {
  dropStaging,
  dropStaleStaging,
  ingestStagedFile,
  stageFile,
  stagingTable,
  type StageResult,
} from '../../domains/settlements/staging';
import { ConnectorError } from '../errors';
import type { ConnectorContext, FetchRequest, Page, PageRun, SyncWindow } from '../types';
import { filePatternRegExp, type BankSftpConfig } from './config';
import { withSftp } from './session';

/** While a file is staged, a page counting the rows read at most this often. */
const PROGRESS_MS = 250;
/** A backfill reads at most this many cycle dates. */
const MAX_CYCLE_DATES = 366;

interface RemoteFile {
  name: string;
  size: number;
  cycleDate: string;
}

const DAY_MS = 86_400_000;

/** The cycle dates (YYYY-MM-DD, UTC) a run reads. */
export function cycleDates(
  config: Pick<BankSftpConfig, 'syncDaysBack'>,
  window: SyncWindow | null,
  now = new Date(),
): string[] {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  if (!window) return [day(new Date(now.getTime() - config.syncDaysBack * DAY_MS))];
  const from = window.from ?? window.to ?? now;
  const to = window.to ?? now;
  const dates: string[] = [];
  for (
    let t = Date.parse(day(from));
    t <= Date.parse(day(to)) && dates.length < MAX_CYCLE_DATES;
    t += DAY_MS
  ) {
    dates.push(day(new Date(t)));
  }
  return dates;
}

export async function* fetchSettlementFiles(
  ctx: ConnectorContext<BankSftpConfig>,
  request: FetchRequest,
): AsyncGenerator<Page> {
  const { config, logger } = ctx;
  if (!ctx.run) throw new Error('BANK_SFTP files are read only during a run');
  const { db, connectorId, id: runId } = ctx.run;
  const dates = cycleDates(config, request.window);
  const entries = await withSftp(ctx, (session) =>
    session.call(`list ${config.remoteDir}`, (client) => client.list(config.remoteDir)),
  );
  const names = new Set(entries.map((entry) => entry.name));
  // What a stopped run of this connector left staged; each file is staged afresh.
  await dropStaleStaging(db, connectorId);
  let staging = 0;
  let rejected: string[] = [];
  let accepted = 0;
  const missing: string[] = [];

  for (const cycleDate of dates) {
    const matcher = filePatternRegExp(config.filePattern, cycleDate);
    const files: RemoteFile[] = entries
      .filter((entry) => entry.type === '-' && matcher.test(entry.name))
      .map((entry) => ({ name: entry.name, size: entry.size, cycleDate }))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (files.length === 0) {
      missing.push(cycleDate);
      const message = `no file matching ${config.filePattern} for cycle date ${cycleDate} in ${config.remoteDir}`;
      yield logPage(config.requireFile ? 'WARN' : 'INFO', message);
      continue;
    }
    for (const file of files) {
      ctx.signal.throwIfAborted();
      const remote = path.posix.join(config.remoteDir, file.name);
      const sidecar = `${file.name}.sha256`;
      let expected: string | null = null;
      if (config.checksum === 'sha256-sidecar') {
        if (!names.has(sidecar)) {
          rejected = [...rejected, file.name];
          yield rejectPage(file, '', `checksum sidecar ${sidecar} is missing`);
          continue;
        }
        const text = await withSftp(ctx, (session) =>
          session.call(`get ${remote}.sha256`, (client) => client.get(`${remote}.sha256`)),
        );
        expected = sidecarHash(String(text));
        if (!expected) {
          rejected = [...rejected, file.name];
          yield rejectPage(file, '', `checksum sidecar ${sidecar} holds no SHA-256`);
          continue;
        }
        if (await wasIngested(db, connectorId, file.name, expected)) {
          accepted += 1;
          yield unchangedPage(file, expected);
          continue;
        }
      }

      const dir = await mkdtemp(path.join(os.tmpdir(), 'tributary-sftp-'));
      try {
        const local = path.join(dir, 'file');
        const downloadStarted = performance.now();
        const { sha256, size } = await download(ctx, remote, local);
        logger.debug(
          { file: file.name, size, ms: ms(downloadStarted) },
          'file downloaded and hashed',
        );
        if (expected && sha256 !== expected) {
          rejected = [...rejected, file.name];
          yield rejectPage(
            { ...file, size },
            sha256,
            `checksum mismatch: the file's SHA-256 is ${sha256}, ${sidecar} says ${expected}`,
          );
          continue;
        }
        if (!expected && (await wasIngested(db, connectorId, file.name, sha256))) {
          accepted += 1;
          yield unchangedPage({ ...file, size }, sha256);
          continue;
        }
        staging += 1;
        const table = stagingTable(connectorId, runId, staging);
        const stageStarted = performance.now();
        const staged: { result: StageResult | null; rows: number } = { result: null, rows: 0 };
        // Stopped with the generator (a cancel, a failure after it): never reads a removed file.
        const stop = new AbortController();
        const stagingDone = stageFile(db, table, local, {
          unit: file.name,
          delimiter: config.delimiter,
          columns: config.columns,
          currency: 'INR',
          signal: AbortSignal.any([ctx.signal, stop.signal]),
          onRows: (rows) => (staged.rows = rows),
        }).then((result) => (staged.result = result));
        stagingDone.catch(() => undefined);
        let counted = 0;
        try {
          // Live progress: the rows read so far, counted as fetched.
          while (!staged.result) {
            await Promise.race([stagingDone, delay(PROGRESS_MS)]);
            if (staged.result || staged.rows === counted) continue;
            const fetched = staged.rows - counted;
            counted = staged.rows;
            yield progressPage(fetched);
          }
        } finally {
          stop.abort();
          await stagingDone.catch(() => undefined);
        }
        const stagedFile = await stagingDone;
        logger.debug({ file: file.name, ms: ms(stageStarted) }, 'file staged');
        if (!stagedFile.ok) {
          rejected = [...rejected, file.name];
          yield rejectPage({ ...file, size }, sha256, stagedFile.reason);
          continue;
        }
        accepted += 1;
        const read = { ...file, size, sha256 };
        const rows = stagedFile.staged.rows;
        yield {
          records: [],
          checkpoint: null,
          commit: async (trx, run) => {
            // A cancel asked for while the file is read or written: none of it is kept (the
            // engine ends the run CANCELLED when this page commits).
            const cancelAsked = async () =>
              ctx.signal.aborted ||
              (
                (await trx('runs').where({ id: run.id }).first('cancelRequested')) as
                  { cancelRequested: boolean } | undefined
              )?.cancelRequested === true;
            const started = performance.now();
            const counts = (await cancelAsked())
              ? null
              : await trx
                  .transaction(async (savepoint) => {
                    const done = await ingestStagedFile(savepoint, run, {
                      table,
                      name: read.name,
                      sha256: read.sha256,
                      sizeBytes: read.size,
                      rows,
                      cycleDate: read.cycleDate,
                    });
                    if (await cancelAsked()) throw new IngestCancelled();
                    return done;
                  })
                  .catch((error: unknown) => {
                    if (error instanceof IngestCancelled) return null;
                    throw error;
                  });
            await dropStaging(trx, table);
            if (!counts) {
              logger.info({ file: file.name }, 'cancelled: nothing of the file is kept');
              return { fetched: rows - counted };
            }
            logger.debug({ file: file.name, ms: ms(started), ...counts }, 'file ingested');
            return {
              fetched: rows - counted,
              created: counts.created,
              updated: counts.updated,
              skipped: counts.skipped,
            };
          },
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }
  if (config.requireFile && missing.length > 0) {
    throw new ConnectorError(
      'SFTP',
      `no file matching ${config.filePattern} for cycle date ${missing.join(', ')} (requireFile)`,
    );
  }
  if (rejected.length > 0 && accepted === 0) {
    throw new ConnectorError('SFTP', `every file was rejected: ${rejected.join(', ')}`);
  }
}

const ms = (since: number) => Math.round(performance.now() - since);

/** Rolls a file's writes back to their savepoint: the run was asked to cancel meanwhile. */
class IngestCancelled extends Error {}

/** The first 64 hex digits of a sidecar (`<hash>  <name>` as sha256sum writes it, or the hash alone). */
function sidecarHash(text: string): string | null {
  const match = /^\s*([0-9a-fA-F]{64})\b/.exec(text);
  return match ? match[1].toLowerCase() : null;
}

/**
 * Downloads a remote file to `local` with parallel reads (ssh2's fastGet: a
 * plain read stream waits for each 32 KiB chunk in turn, several times slower
 * over SSH), then hashes it as it is read back, before any row is parsed.
 */
async function download(
  ctx: ConnectorContext<BankSftpConfig>,
  remote: string,
  local: string,
): Promise<{ sha256: string; size: number }> {
  await withSftp(ctx, (session) =>
    session.call(`get ${remote}`, (client) => client.fastGet(remote, local)),
  );
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(local, { signal: ctx.signal })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Rows read so far of a file being staged: counted as fetched, nothing written. */
function progressPage(fetched: number): Page {
  return { records: [], checkpoint: null, write: () => Promise.resolve({ fetched }) };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function logPage(level: 'INFO' | 'WARN', message: string): Page {
  return {
    records: [],
    checkpoint: null,
    commit: async (trx, run: PageRun) => {
      await trx('runLogs').insert({ runId: run.id, level, message });
    },
  };
}

function rejectPage(file: RemoteFile, sha256: string, reason: string): Page {
  const entry: LedgerEntry = {
    name: file.name,
    sha256,
    sizeBytes: file.size,
    rows: 0,
    cycleDate: file.cycleDate,
    status: 'REJECTED',
    detail: reason,
  };
  return {
    records: [],
    checkpoint: null,
    commit: async (trx, run) => {
      await recordFile(trx, run, entry, {
        level: 'ERROR',
        message: `${file.name}: REJECTED, nothing stored: ${reason}`,
      });
      return { failed: 1 };
    },
  };
}

function unchangedPage(file: RemoteFile, sha256: string): Page {
  return {
    records: [],
    checkpoint: null,
    commit: async (trx, run) => {
      const ingested = await trx('sourceFiles')
        .where({ connectorId: run.connectorId, name: file.name, sha256, status: 'INGESTED' })
        .orderBy('id', 'desc')
        .first('rows');
      const rows = (ingested as { rows: number } | undefined)?.rows ?? 0;
      await recordFile(
        trx,
        run,
        {
          name: file.name,
          sha256,
          sizeBytes: file.size,
          rows,
          cycleDate: file.cycleDate,
          status: 'UNCHANGED',
          detail: 'same name and SHA-256 as a file already ingested',
        },
        { level: 'INFO', message: `${file.name}: UNCHANGED (already ingested), not downloaded` },
      );
    },
  };
}
