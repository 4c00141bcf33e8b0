import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { DataTable, type DataTableColumn } from './data-table';

interface Row {
  id: string;
  name: string;
  balance: number;
}

const rows: Row[] = Array.from({ length: 7 }, (_, i) => ({
  id: String(i),
  name: `Company ${i + 1}`,
  balance: i * 100,
}));

const columns: DataTableColumn<Row>[] = [
  { key: 'name', header: 'Company Name', sortable: true, render: (r) => r.name },
  { key: 'balance', header: 'Balance', sortable: true, align: 'right', render: (r) => r.balance },
];

describe('DataTable', () => {
  it('renders rows, the paging footer and calls onSort / onPageSizeChange', async () => {
    const onSort = vi.fn();
    const onPageSizeChange = vi.fn();
    const user = userEvent.setup();
    render(
      <DataTable
        label="Companies"
        columns={columns}
        rows={rows}
        getRowId={(r) => r.id}
        sort="name"
        onSort={onSort}
        page={1}
        pageSize={10}
        total={7}
        onPageChange={() => {}}
        onPageSizeChange={onPageSizeChange}
      />,
    );
    const table = screen.getByRole('table', { name: 'Companies' });
    expect(within(table).getAllByRole('row')).toHaveLength(8);
    expect(screen.getByText('Showing 1 – 7 of 7 items')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: /Company Name/ }));
    expect(onSort).toHaveBeenLastCalledWith('-name');
    await user.click(screen.getByRole('button', { name: /Balance/ }));
    expect(onSort).toHaveBeenLastCalledWith('balance');

    await user.selectOptions(screen.getByLabelText('Rows per page'), '25');
    expect(onPageSizeChange).toHaveBeenCalledWith(25);
  });

  it('shows the empty state and expandable details', async () => {
    const user = userEvent.setup();
    const { rerender } = render(
      <DataTable columns={columns} rows={[]} getRowId={(r) => r.id} emptyTitle="No companies" />,
    );
    expect(screen.getByText('No companies')).toBeInTheDocument();

    rerender(
      <DataTable
        columns={columns}
        rows={rows.slice(0, 1)}
        getRowId={(r) => r.id}
        renderExpanded={(r) => <p>Details of {r.name}</p>}
      />,
    );
    expect(screen.queryByText('Details of Company 1')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show details' }));
    expect(screen.getByText('Details of Company 1')).toBeInTheDocument();
  });

  it('shows placeholder rows only while the first page loads, then the empty state', () => {
    const table = (loading: boolean) => (
      <DataTable
        label="Companies"
        columns={columns}
        rows={[]}
        getRowId={(r) => r.id}
        loading={loading}
        emptyTitle="No companies"
        page={1}
        pageSize={10}
        total={0}
        onPageChange={() => {}}
      />
    );
    const { container, rerender } = render(table(true));
    const companies = screen.getByRole('table', { name: 'Companies' });
    expect(companies).toHaveAttribute('aria-busy', 'true');
    // a header row and five placeholder rows of two cells each
    expect(within(companies).getAllByRole('row')).toHaveLength(6);
    expect(container.querySelectorAll('.ui-table__skeleton-row td')).toHaveLength(10);
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    expect(screen.queryByText('No companies')).not.toBeInTheDocument();
    expect(screen.queryByText('No items')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Next page' })).not.toBeInTheDocument();

    rerender(table(false));
    expect(companies).not.toHaveAttribute('aria-busy');
    expect(screen.getByText('No companies')).toBeInTheDocument();
    expect(screen.getByText('No items')).toBeInTheDocument();
    expect(container.querySelector('.ui-table__skeleton-row')).toBeNull();
  });

  it('keeps the rows it has while the next page loads', () => {
    render(
      <DataTable
        label="Companies"
        columns={columns}
        rows={rows}
        getRowId={(r) => r.id}
        loading
        page={1}
        pageSize={10}
        total={7}
      />,
    );
    const table = screen.getByRole('table', { name: 'Companies' });
    expect(table).toHaveAttribute('aria-busy', 'true');
    expect(within(table).getByText('Company 7')).toBeInTheDocument();
    expect(screen.getByText('Showing 1 – 7 of 7 items')).toBeInTheDocument();
  });
});
