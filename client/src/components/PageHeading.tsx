import { useEffect, useRef, type ReactNode } from 'react';
import { takeHeadingFocus } from '../lib/router';

/**
 * A page's h1. It names the tab (`title`, or the heading's text) and, after
 * a client-side navigation, takes the focus, so keyboard and screen-reader
 * users start on the new page instead of on the document body.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Tributary`;
  }, [title]);
  useEffect(() => {
    if (takeHeadingFocus()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
