import type { ReactNode } from 'react';

/**
 * A list table: its column headings, optionally a last column for row buttons whose heading only a
 * screen reader reads (`actionsLabel`), and the rows as children.
 */
export function DataTable({ columns, actionsLabel, caption, className, children }: { columns: readonly string[]; actionsLabel?: string; caption?: string; className?: string; children: ReactNode }) {
  return (
    <table className={className}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          {actionsLabel !== undefined && (
            <th scope="col">
              <span className="visually-hidden">{actionsLabel}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
