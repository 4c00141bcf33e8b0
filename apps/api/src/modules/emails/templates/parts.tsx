import { Section } from '@react-email/section';
import type { CSSProperties } from 'react';

import { BORDER, INK, MUTED } from './styles';

/** Label/value pairs; a null value leaves its row out. */
export type FactRows = ReadonlyArray<readonly [label: string, value: string | number | null]>;

const cell: CSSProperties = {
  borderBottom: `1px solid ${BORDER}`,
  color: INK,
  fontSize: '14px',
  padding: '8px 0',
  verticalAlign: 'top',
};
const labelCell: CSSProperties = { ...cell, color: MUTED, paddingRight: '16px' };
const headerCell: CSSProperties = {
  ...cell,
  color: MUTED,
  fontSize: '12px',
  fontWeight: 600,
  textTransform: 'uppercase',
};

/** The facts of an email as a two-column table; plain text shows it as aligned columns. */
export function Facts({ rows }: { rows: FactRows }) {
  const shown = rows.filter(([, value]) => value !== null);
  return (
    <Section style={{ margin: '8px 0 16px' }}>
      <table
        width="100%"
        cellPadding={0}
        cellSpacing={0}
        role="presentation"
        data-text-format="dataTable"
        style={{ borderCollapse: 'collapse' }}
      >
        <tbody>
          {shown.map(([label, value]) => (
            <tr key={label}>
              <td style={labelCell}>{label}</td>
              <td style={{ ...cell, fontWeight: 600, textAlign: 'right' }}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export interface Column {
  title: string;
  align?: 'left' | 'right';
}

/** A list (invoices, payments, failures) with a header row and an optional bold total row. */
export function ListTable(props: {
  columns: Column[];
  rows: ReadonlyArray<ReadonlyArray<string>>;
  total?: ReadonlyArray<string>;
}) {
  const { columns, rows, total } = props;
  const cellStyle = (base: CSSProperties, index: number): CSSProperties => ({
    ...base,
    paddingRight: index < columns.length - 1 ? '12px' : 0,
    textAlign: columns[index]?.align ?? 'left',
  });
  return (
    <Section style={{ margin: '8px 0 16px' }}>
      <table
        width="100%"
        cellPadding={0}
        cellSpacing={0}
        role="presentation"
        data-text-format="dataTable"
        style={{ borderCollapse: 'collapse' }}
      >
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={column.title} style={cellStyle(headerCell, index)}>
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((value, index) => (
                <td key={index} style={cellStyle(cell, index)}>
                  {value}
                </td>
              ))}
            </tr>
          ))}
          {total && (
            <tr>
              {total.map((value, index) => (
                <td key={index} style={cellStyle({ ...cell, fontWeight: 700 }, index)}>
                  {value}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </Section>
  );
}
