import { useMemo, useState } from 'react';

/**
 * Keyset paging, newest first: the cursors of the pages seen so far, the last
 * being where the current page starts (null: the first page).
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  // Stable across renders, so effects may depend on them.
  const moves = useMemo(
    () => ({
      /** Back to the first page (after a filter changed). */
      reset: () => setCursors([null]),
      newer: () => setCursors((seen) => seen.slice(0, -1)),
      older: (endCursor: string | null | undefined) =>
        setCursors((seen) => [...seen, endCursor ?? null]),
    }),
    [],
  );
  return {
    ...moves,
    after: cursors[cursors.length - 1],
    /** 1 on the first page. */
    page: cursors.length,
  };
}

/** Newer / Older buttons for a connection read with `useCursorPages`. */
export function Pager({
  pages,
  pageInfo,
}: {
  pages: ReturnType<typeof useCursorPages>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
}) {
  return (
    <div className="pager">
      <button type="button" disabled={pages.page === 1} onClick={pages.newer}>
        Newer
      </button>
      <button
        type="button"
        disabled={!pageInfo?.hasNextPage}
        onClick={() => pages.older(pageInfo?.endCursor)}
      >
        Older
      </button>
    </div>
  );
}
