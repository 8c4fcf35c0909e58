// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid cannot be a <table>: rows are absolutely positioned
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid, which points at rows via aria-activedescendant
// biome-ignore-all lint/a11y/useKeyWithClickEvents: the grid's own keydown handler covers every row (Enter opens)
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';

export type Column<T> = {
  key: string;
  header: string;
  /** CSS grid track, e.g. "120px" or "minmax(160px, 1fr)". */
  width: string;
  align?: 'left' | 'right';
  render: (row: T) => ReactNode;
};

type Props<T> = {
  label: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  onActivate?: (row: T) => void;
  selectedKey?: string | null;
  hasMore?: boolean;
  loadingMore?: boolean;
  onNeedMore?: () => void;
  rowHeight?: number;
  testId?: string;
};

const OVERSCAN = 12;
/** Ask for the next cursor page this many rows before the loaded end, so scrolling rarely waits. */
const PREFETCH_ROWS = 200;

/**
 * A keyboard-navigable, virtualized grid: only the visible rows are in the
 * DOM, so 100,000 transactions cost what 40 do. The grid itself holds focus
 * and points at the active row with aria-activedescendant; arrows, Home/End
 * and PageUp/PageDown move it, Enter opens it. The header stays sticky.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  onActivate,
  selectedKey,
  hasMore = false,
  loadingMore = false,
  onNeedMore,
  rowHeight = 32,
  testId,
}: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const baseId = useId();
  const template = columns.map((c) => c.width).join(' ');

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    // The sticky header occupies the first rowHeight pixels of the scroll area.
    scrollPaddingStart: rowHeight,
    paddingStart: 0,
    // happy-dom and first paint have no layout: render a first screenful anyway.
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && onNeedMore && lastVisible >= rows.length - PREFETCH_ROWS) onNeedMore();
  }, [hasMore, loadingMore, onNeedMore, lastVisible, rows.length]);

  // Keep the active row inside the data when filters shrink it.
  useEffect(() => {
    if (active > 0 && active >= rows.length) setActive(Math.max(0, rows.length - 1));
  }, [rows.length, active]);

  const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 2);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'PageDown':
        move(active + pageSize);
        break;
      case 'PageUp':
        move(active - pageSize);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'Enter': {
        const row = rows[active];
        if (row !== undefined) onActivate?.(row);
        break;
      }
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const activeRow = rows[active];
  const activeId = activeRow !== undefined ? `${baseId}-r${active}` : undefined;

  return (
    <div className="grid-wrap">
      <div
        ref={scrollRef}
        className="grid-scroll"
        role="grid"
        aria-label={label}
        aria-rowcount={hasMore ? -1 : rows.length + 1}
        aria-colcount={columns.length}
        aria-activedescendant={activeId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <div className="grid-head" role="rowgroup">
          <div
            className="grid-row grid-header-row"
            role="row"
            aria-rowindex={1}
            style={{ gridTemplateColumns: template }}
          >
            {columns.map((c) => (
              <div key={c.key} role="columnheader" className={c.align === 'right' ? 'cell right' : 'cell'}>
                {c.header}
              </div>
            ))}
          </div>
        </div>
        <div className="grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const key = rowKey(row);
            const classes = ['grid-row'];
            if (item.index === active) classes.push('is-active');
            if (selectedKey === key) classes.push('is-selected');
            return (
              <div
                key={key}
                id={`${baseId}-r${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selectedKey === key ? true : undefined}
                className={classes.join(' ')}
                data-row-key={key}
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start}px)`,
                  height: rowHeight,
                }}
                onClick={() => {
                  setActive(item.index);
                  onActivate?.(row);
                }}
              >
                {columns.map((c) => (
                  <div key={c.key} role="gridcell" className={c.align === 'right' ? 'cell right' : 'cell'}>
                    {c.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      <div className="grid-foot" role="status">
        {loadingMore ? 'Loading more…' : ''}
      </div>
    </div>
  );
}
