import type { Model, QueryBuilder } from 'objection';
import { invalid } from './user-errors';

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A Relay connection's data, which schema/connection.ts gives its GraphQL types. */
export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** The largest page any connection serves; larger `first` is refused, not clamped. */
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  limit: number;
  /** Keyset position: the id of the last row already served. */
  cursorId: number | null;
  /** Rows to skip before the page (a jump by page number); 0 with a cursor. */
  offset?: number;
}

/** The deepest jump an offset may make (OFFSET reads every row it skips). */
export const MAX_OFFSET = 100_000;

/** Page size when a caller passes none, or null. */
export const DEFAULT_PAGE_SIZE = 20;

export function pageRequest(
  requested: number | null | undefined,
  after?: string | null,
  fallback = DEFAULT_PAGE_SIZE,
  offset?: number | null,
): PageRequest {
  const first = requested ?? fallback;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    invalid(`first must be between 0 and ${MAX_PAGE_SIZE}`, ['first']);
  }
  if (offset != null) {
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
      invalid(`offset must be between 0 and ${MAX_OFFSET}`, ['offset']);
    if (after) invalid('give after or offset, not both', ['offset']);
  }
  return { limit: first, cursorId: after ? decodeCursor(after) : null, offset: offset ?? 0 };
}

export function encodeCursor(id: number): string {
  return Buffer.from(`cursor:${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^cursor:([1-9][0-9]{0,15})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match) return invalid('after is not a cursor from this connection', ['after']);
  return Number(match[1]);
}

/**
 * Builds a connection from rows fetched with `limit + 1` (the extra row only
 * tells whether a next page exists) ordered by id descending.
 */
export function toConnection<Row extends { id: number }, Node>(
  rows: Row[],
  { limit }: PageRequest,
  totalCount: number,
  toNode: (row: Row) => Node,
): ConnectionShape<Node> {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: encodeCursor(row.id), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount,
  };
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One keyset page of an objection query: `filtered` builds the query with its
 * filters (called twice: once for the rows, once for totalCount). Newest
 * first (`desc`, ids below the cursor) or in written order (`asc`, above it).
 */
export async function keysetPage<M extends Model & { id: number }>(
  filtered: () => QueryBuilder<M, M[]>,
  page: PageRequest,
  direction: 'asc' | 'desc' = 'desc',
): Promise<ConnectionShape<M>> {
  const rowsQuery = filtered()
    .orderBy('id', direction)
    .limit(page.limit + 1);
  if (page.cursorId !== null) {
    rowsQuery.where('id', direction === 'desc' ? '<' : '>', page.cursorId);
  }
  if (page.offset) rowsQuery.offset(page.offset);
  const [rows, totalCount] = await Promise.all([rowsQuery, filtered().resultSize()]);
  return toConnection(rows, page, totalCount, (row) => row);
}
