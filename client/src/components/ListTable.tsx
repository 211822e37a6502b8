import type { ReactNode } from 'react';
import { Link } from '../lib/router';

/** A column head: its text, and `num` for a right-aligned figure column. */
export type Column = string | { label: string; num?: boolean };

/**
 * The scrolling table of a list page: its heads, the rows the page renders,
 * and one full-width row saying why there are none (`empty`, when given).
 * `label` makes the scrolling area a named, focusable region.
 */
export function ListTable({
  columns,
  empty,
  label,
  className,
  children,
}: {
  columns: Column[];
  empty?: ReactNode;
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  const region = label ? { tabIndex: 0, role: 'region', 'aria-label': label } : {};
  return (
    <div className="table-wrap" {...region}>
      <table className={className}>
        <thead>
          <tr>
            {columns.map((c) =>
              typeof c === 'string' ? (
                <th key={c}>{c}</th>
              ) : (
                <th key={c.label} className={c.num ? 'num' : undefined}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {children}
          {empty ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** A row's connector: a link to its history, or a dash when it is gone. */
export function ConnectorLink({ connector }: { connector?: { id: string; name: string } | null }) {
  return connector ? (
    <Link to={`/connectors/${encodeURIComponent(connector.id)}/history`}>{connector.name}</Link>
  ) : (
    <>—</>
  );
}

/** The connector filter of a list page: "any" (the empty value) or one of `connectors`. */
export function ConnectorSelect({
  value,
  onChange,
  any,
  connectors,
}: {
  value: string;
  onChange: (id: string) => void;
  any: string;
  connectors: { node: { id: string; name: string } }[];
}) {
  return (
    <select aria-label="Connector" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{any}</option>
      {connectors.map(({ node }) => (
        <option key={node.id} value={node.id}>
          {node.name}
        </option>
      ))}
    </select>
  );
}
