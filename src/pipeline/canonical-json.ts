/**
 * RFC 8785 (JCS) text, as `canonicalize` writes it, of objects of one fixed
 * shape: the keys are sorted once, when the shape is declared, instead of on
 * every call, and each value still goes through `canonicalize`. For hashes on
 * every record's path (a credential's data hash, a transaction's version).
 */
import canonicalize from 'canonicalize';

export function canonicalJsonOf<Key extends string>(
  keys: readonly Key[],
): (value: Record<Key, unknown>) => string {
  // JCS orders keys by their UTF-16 code units, as Array.prototype.sort does.
  const sorted = [...keys].sort();
  const prefixes = sorted.map((key, i) => `${i === 0 ? '{' : ','}${JSON.stringify(key)}:`);
  return (value) => {
    const record = value as Record<string, unknown>;
    // Anything but exactly these keys, each defined, takes canonicalize whole.
    let count = 0;
    for (const key in record) {
      if (record[key] === undefined) return canonicalize(value) as string;
      count += 1;
    }
    if (count !== sorted.length) return canonicalize(value) as string;
    let text = '';
    for (let i = 0; i < sorted.length; i++) {
      if (!(sorted[i] in record)) return canonicalize(value) as string;
      text += prefixes[i] + (canonicalize(record[sorted[i]]) as string);
    }
    return sorted.length === 0 ? '{}' : `${text}}`;
  };
}
