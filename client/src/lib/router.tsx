import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type MouseEvent,
  type ReactNode,
} from 'react';

/**
 * A tiny history-API router: the dashboard has a handful of flat routes.
 * The path includes the query string, which holds each list's filters and
 * page, so Back, reload and a shared link show the same list.
 */
const PathContext = createContext<string>('/');

/**
 * True from a client-side navigation until the next page heading takes the
 * focus (PageHeading): a screen reader then starts on the new page, not on
 * the document body. The first load leaves focus where the browser puts it.
 */
let headingShouldTakeFocus = false;

export function takeHeadingFocus(): boolean {
  const take = headingShouldTakeFocus;
  headingShouldTakeFocus = false;
  return take;
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (to === current) return;
  const samePage = to.split('?')[0] === window.location.pathname;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  // A filter or page change stays on the page: focus stays where the user is.
  if (!samePage) headingShouldTakeFocus = true;
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(window.location.pathname + window.location.search);
  useEffect(() => {
    let last = window.location.pathname;
    const onPop = (event: PopStateEvent) => {
      // Back/forward to another page moves focus to its heading, as a link does.
      if (event.isTrusted && window.location.pathname !== last) headingShouldTakeFocus = true;
      last = window.location.pathname;
      setPath(window.location.pathname + window.location.search);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return <PathContext.Provider value={path}>{children}</PathContext.Provider>;
}

export function usePath(): string {
  return useContext(PathContext);
}

/** Matches "/connectors/:id/edit" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const [pathname] = path.split('?');
  const a = pattern.split('/').filter(Boolean);
  const b = pathname.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(':')) params[a[i].slice(1)] = decodeURIComponent(b[i]);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

/**
 * The query string as state: `params` now, `set` to change some keys (an
 * empty or null value removes the key). A change is a new history entry, so
 * Back returns to the previous filter or page; `replace` (typing in a search
 * box) changes the current one instead.
 */
export function useSearchParams() {
  const path = usePath();
  const search = path.includes('?') ? path.slice(path.indexOf('?')) : '';
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const set = useCallback(
    (changes: Record<string, string | null | undefined>, options?: { replace?: boolean }) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      navigate(window.location.pathname + (query ? `?${query}` : ''), options);
    },
    [],
  );
  return { params, set };
}

export function Link({
  to,
  children,
  className,
  current,
}: {
  to: string;
  children: ReactNode;
  className?: string;
  /** Marks the link as the current page (aria-current); default: the path is `to`. */
  current?: boolean;
}) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  const path = usePath();
  const isCurrent = current ?? path === to;
  return (
    <a
      href={to}
      onClick={onClick}
      className={className}
      aria-current={isCurrent ? 'page' : undefined}
    >
      {children}
    </a>
  );
}
