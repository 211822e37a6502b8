import { useEffect, useState } from 'react';

/** A debounced text filter: what was typed, and what the query uses 250 ms later. */
export function useTyped(onSettle: () => void): [string, string, (value: string) => void] {
  const [typed, setTyped] = useState('');
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const value = typed.trim();
    // Only a changed filter goes back to the first page (not the mount, not a space typed).
    if (value === settled) return;
    const t = setTimeout(() => {
      setSettled(value);
      onSettle();
    }, 250);
    return () => clearTimeout(t);
  }, [typed, settled, onSettle]);
  return [typed, settled, setTyped];
}
