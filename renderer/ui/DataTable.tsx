import type { ReactNode } from 'react';

/**
 * A list table: its column headings, optionally a last column for row buttons whose heading only a
 * screen reader reads (`actionsLabel`), and the rows as children. `list-table` (styles.css) is what
 * every such table shares: a row's link buttons read on the row's text line.
 */
export function DataTable({
  columns,
  actionsLabel,
  caption,
  label,
  className,
  children,
}: {
  columns: readonly string[];
  actionsLabel?: string;
  caption?: string;
  /** The table's accessible name, when no caption gives it one. */
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className ? `list-table ${className}` : 'list-table'} aria-label={label}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={`${c}-${i}`} scope="col">
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
