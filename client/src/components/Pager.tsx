import { useMemo } from 'react';
import { useSearchParams } from '../lib/router';

/**
 * Keyset paging with its place in the URL: `key` holds the cursors of the
 * pages walked so far (dot-separated; cursors are base64url), the last being
 * where the current page starts. Back returns to the previous page, a reload
 * or a shared link opens the same one. Each list on a page has its own key.
 */
export function useCursorPages(key = 'page') {
  const { params, set } = useSearchParams();
  const raw = params.get(key) ?? '';
  const stack = useMemo(() => (raw ? raw.split('.').filter(Boolean) : []), [raw]);
  const moves = useMemo(
    () => ({
      /** Back to the first page (after a filter changed): as part of that change. */
      resetKey: { [key]: null } as Record<string, null>,
      reset: () => set({ [key]: null }),
      newer: () => set({ [key]: stack.slice(0, -1).join('.') || null }),
      older: (endCursor: string | null | undefined, options?: { replace?: boolean }) => {
        if (endCursor) set({ [key]: [...stack, endCursor].join('.') }, options);
      },
      first: () => set({ [key]: null }),
    }),
    [key, set, stack],
  );
  return {
    ...moves,
    after: stack.length ? stack[stack.length - 1] : null,
    /** 1 on the first page. */
    page: stack.length + 1,
  };
}

/** First / Newer / Older for a connection read with `useCursorPages`, with where it stands. */
export function Pager({
  pages,
  pageInfo,
  total,
  pageSize,
  label = 'Pages',
  newer = 'Newer',
  older = 'Older',
}: {
  pages: ReturnType<typeof useCursorPages>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  total?: number;
  pageSize?: number;
  label?: string;
  newer?: string;
  older?: string;
}) {
  const of = total !== undefined && pageSize ? Math.max(1, Math.ceil(total / pageSize)) : null;
  return (
    <nav className="pager" aria-label={label}>
      <span className="muted">
        Page {pages.page}
        {of ? ` of ${of}` : ''}
      </span>
      <button type="button" disabled={pages.page === 1} onClick={pages.first}>
        First
      </button>
      <button type="button" disabled={pages.page === 1} onClick={pages.newer}>
        {newer}
      </button>
      <button
        type="button"
        disabled={!pageInfo?.hasNextPage}
        onClick={() => pages.older(pageInfo?.endCursor)}
      >
        {older}
      </button>
    </nav>
  );
}
