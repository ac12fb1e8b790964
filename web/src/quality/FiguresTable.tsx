/** A compact table of figures: one row per pool, pair or label, its name first, then numbers. */
import type { ReactNode } from 'react';

export interface FigureColumn<T> {
  title: string;
  value(row: T): ReactNode;
  /** A tooltip for the cell. */
  hint?(row: T): string | undefined;
}

export function FiguresTable<T>({ head, rows, name, columns }: { head: string; rows: readonly T[]; name(row: T): string; columns: readonly FigureColumn<T>[] }) {
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th scope="col">{head}</th>
          {columns.map((c) => (
            <th key={c.title} scope="col" className="num">
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={name(row)}>
            <th scope="row">{name(row)}</th>
            {columns.map((c) => (
              <td key={c.title} className="num" title={c.hint?.(row)}>
                {c.value(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the quality screen says where no item has two answers: nothing to measure, and why. */
export function NoAgreementYet({ items }: { items: number }) {
  return (
    <p data-testid="no-agreement">
      None of the {items} recent items has two answers yet, so there is no agreement to measure. It needs two or more annotators per item (the
      project's overlap, or a routing rule's).
    </p>
  );
}
