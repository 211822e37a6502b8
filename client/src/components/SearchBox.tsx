import { useEffect, useRef, useState } from 'react';

/**
 * A search input that reports what was typed a quarter second after the
 * typing stops (one request, not one per key), and follows `value` when it
 * changes from outside (Back to an earlier search).
 */
export function SearchBox({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder?: string;
  value: string;
  onChange(value: string): void;
}) {
  const [typed, setTyped] = useState(value);
  const sent = useRef(value);
  // The latest callback, so a re-render (a live event) does not restart the wait.
  const report = useRef(onChange);
  report.current = onChange;
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setTyped(value);
    }
  }, [value]);
  useEffect(() => {
    const text = typed.trim();
    if (text === sent.current) return;
    const t = setTimeout(() => {
      sent.current = text;
      report.current(text);
    }, 250);
    return () => clearTimeout(t);
  }, [typed]);
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={typed}
      onChange={(e) => setTyped(e.target.value)}
    />
  );
}
