import { Fragment, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

import { EmptyState } from '../empty-state';
import { Skeleton } from '../skeleton';
import { cn } from '../utils/cn';

export interface DataTableColumn<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  sortable?: boolean;
  align?: 'left' | 'right' | 'center';
  width?: string;
}

export interface DataTableProps<T> {
  columns: DataTableColumn<T>[];
  rows: readonly T[];
  getRowId: (row: T) => string;
  label?: string;
  loading?: boolean;
  emptyTitle?: ReactNode;
  emptyText?: ReactNode;
  /** `field` ascending or `-field` descending, as the API's `sort` parameter. */
  sort?: string;
  onSort?: (sort: string) => void;
  page?: number;
  pageSize?: number;
  total?: number;
  onPageChange?: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  pageSizeOptions?: number[];
  renderExpanded?: (row: T) => ReactNode;
  /** Placeholder rows shown while the first page loads. */
  skeletonRows?: number;
}

export function nextSort(current: string | undefined, key: string): string {
  return current === key ? `-${key}` : key;
}

export function pagingSummary(page: number, pageSize: number, total: number): string {
  if (total === 0) return 'No items';
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  return `Showing ${first} – ${last} of ${total} ${total === 1 ? 'item' : 'items'}`;
}

export function DataTable<T>({
  columns,
  rows,
  getRowId,
  label,
  loading = false,
  emptyTitle = 'Nothing here yet',
  emptyText,
  sort,
  onSort,
  page,
  pageSize,
  total,
  onPageChange,
  onPageSizeChange,
  pageSizeOptions = [10, 25, 50, 100],
  renderExpanded,
  skeletonRows = 5,
}: DataTableProps<T>) {
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const scrollRef = useRef<HTMLDivElement>(null);
  const scrolls = useScrollsSideways(scrollRef);
  const colCount = columns.length + (renderExpanded ? 1 : 0);
  // Nothing to show yet: placeholder rows only, neither the empty state nor "No items" below.
  const firstLoad = loading && rows.length === 0;
  const paged = page !== undefined && pageSize !== undefined && total !== undefined && !firstLoad;

  return (
    <div className="ui-table-wrap">
      <div
        ref={scrollRef}
        className="ui-table-scroll"
        // a table wider than its card can be scrolled with the keyboard too
        tabIndex={scrolls ? 0 : undefined}
        role={scrolls ? 'region' : undefined}
        aria-label={scrolls ? `${label ?? 'Table'}, scrolls sideways` : undefined}
      >
        <table className="ui-table" aria-label={label} aria-busy={loading || undefined}>
          <thead>
            <tr>
              {renderExpanded && <th className="ui-table__expander" aria-label="Details" />}
              {columns.map((col) => {
                const active = sort === col.key || sort === `-${col.key}`;
                const direction =
                  sort === col.key
                    ? 'ascending'
                    : sort === `-${col.key}`
                      ? 'descending'
                      : undefined;
                return (
                  <th
                    key={col.key}
                    scope="col"
                    style={{ width: col.width, textAlign: col.align }}
                    aria-sort={col.sortable ? (direction ?? 'none') : undefined}
                  >
                    {col.sortable && onSort ? (
                      <button
                        type="button"
                        className={cn('ui-table__sort', active && 'ui-table__sort--active')}
                        onClick={() => onSort(nextSort(sort, col.key))}
                      >
                        {col.header}
                        <span aria-hidden="true" className="ui-table__sort-icon">
                          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      col.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {firstLoad
              ? Array.from({ length: skeletonRows }, (_, i) => (
                  <tr key={i} className="ui-table__skeleton-row">
                    {renderExpanded && <td className="ui-table__expander" />}
                    {columns.map((col) => (
                      <td key={col.key} style={{ textAlign: col.align }}>
                        <Skeleton width={col.align === 'right' ? '60%' : '80%'} height={14} />
                      </td>
                    ))}
                  </tr>
                ))
              : rows.length === 0
                ? null
                : rows.map((row) => {
                    const id = getRowId(row);
                    const open = !!expanded[id];
                    return (
                      <Fragment key={id}>
                        <tr className={cn(open && 'ui-table__row--open')}>
                          {renderExpanded && (
                            <td className="ui-table__expander">
                              <button
                                type="button"
                                className="ui-table__expand-button"
                                aria-expanded={open}
                                aria-label={open ? 'Hide details' : 'Show details'}
                                onClick={() => setExpanded((s) => ({ ...s, [id]: !open }))}
                              >
                                {open ? '▾' : '▸'}
                              </button>
                            </td>
                          )}
                          {columns.map((col) => (
                            <td
                              key={col.key}
                              style={{ textAlign: col.align }}
                              className={col.align === 'right' ? 'ui-table__number' : undefined}
                            >
                              {col.render(row)}
                            </td>
                          ))}
                        </tr>
                        {renderExpanded && open && (
                          <tr className="ui-table__details">
                            <td colSpan={colCount}>{renderExpanded(row)}</td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
          </tbody>
        </table>
      </div>
      {!firstLoad && rows.length === 0 && (
        // below the table, not in a cell: a wide table would carry the message off a phone's screen
        <div className="ui-table__empty">
          <EmptyState bare title={emptyTitle} text={emptyText} />
        </div>
      )}
      {firstLoad && (
        <span className="ui-visually-hidden" role="status">
          Loading
        </span>
      )}
      {paged && (
        <Pager
          page={page}
          pageSize={pageSize}
          total={total}
          onPageChange={onPageChange}
          onPageSizeChange={onPageSizeChange}
          pageSizeOptions={pageSizeOptions}
        />
      )}
    </div>
  );
}

/**
 * The scroller DataTable puts around its table, for a hand-written <table>: wider than its card,
 * the table scrolls inside it (by keyboard too), and the page never scrolls sideways.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const scrolls = useScrollsSideways(ref);
  return (
    <div
      ref={ref}
      className="ui-table-scroll"
      tabIndex={scrolls ? 0 : undefined}
      role={scrolls ? 'region' : undefined}
      aria-label={scrolls ? `${label}, scrolls sideways` : undefined}
    >
      {children}
    </div>
  );
}

/** Whether the element's content is wider than the element (kept up to date as sizes change). */
function useScrollsSideways(ref: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}

export interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange?: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  pageSizeOptions?: number[];
}

/** The "Showing 1 – 7 of 7 items ‹ 1 › 10 rows per page" footer, for tables and card lists. */
export function Pager({
  page,
  pageSize,
  total,
  onPageChange,
  onPageSizeChange,
  pageSizeOptions = [10, 25, 50, 100],
}: PagerProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="ui-table__footer">
      <span className="ui-table__summary">{pagingSummary(page, pageSize, total)}</span>
      <div className="ui-table__pager">
        <button
          type="button"
          className="ui-table__page-button"
          aria-label="Previous page"
          disabled={page <= 1}
          onClick={() => onPageChange?.(page - 1)}
        >
          ‹
        </button>
        <span className="ui-table__page" aria-label={`Page ${page} of ${pageCount}`}>
          {page}
        </span>
        <button
          type="button"
          className="ui-table__page-button"
          aria-label="Next page"
          disabled={page >= pageCount}
          onClick={() => onPageChange?.(page + 1)}
        >
          ›
        </button>
      </div>
      {onPageSizeChange && (
        <label className="ui-table__page-size">
          <select
            className="ui-input ui-select"
            value={pageSize}
            onChange={(e) => onPageSizeChange(Number(e.target.value))}
            aria-label="Rows per page"
          >
            {pageSizeOptions.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <span aria-hidden="true">rows per page</span>
        </label>
      )}
    </div>
  );
}
