import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { type Column, DataTable } from '../../renderer/src/components/DataTable';

type Row = { id: string; n: number };
const rows: Row[] = Array.from({ length: 500 }, (_, i) => ({ id: `r${i}`, n: i }));
const columns: Column<Row>[] = [
  { key: 'id', header: 'Id', width: '80px', render: (r) => r.id },
  { key: 'n', header: 'N', width: '80px', align: 'right', render: (r) => r.n },
];

function activeRow(grid: HTMLElement): HTMLElement | null {
  const id = grid.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id) : null;
}

describe('DataTable', () => {
  it('is a grid with a header row and aria-rowindex on every row, rendering only a window of rows', () => {
    render(<DataTable label="Numbers" columns={columns} rows={rows} rowKey={(r) => r.id} />);
    const grid = screen.getByRole('grid', { name: 'Numbers' });
    expect(grid.getAttribute('aria-rowcount')).toBe('501');
    const rendered = screen.getAllByRole('row');
    expect(rendered[0]?.getAttribute('aria-rowindex')).toBe('1');
    expect(rendered[1]?.getAttribute('aria-rowindex')).toBe('2');
    expect(rendered.length).toBeLessThan(100);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Id', 'N']);
  });

  it('moves the active row with arrows, Home, End, PageUp and PageDown', () => {
    render(<DataTable label="Numbers" columns={columns} rows={rows} rowKey={(r) => r.id} />);
    const grid = screen.getByRole('grid');
    grid.focus();
    expect(activeRow(grid)?.getAttribute('aria-rowindex')).toBe('2');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(activeRow(grid)?.dataset.rowKey).toBe('r2');
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    expect(activeRow(grid)?.dataset.rowKey).toBe('r1');
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    expect(activeRow(grid)?.dataset.rowKey).toBe('r0');
    fireEvent.keyDown(grid, { key: 'PageDown' });
    const afterPage = Number(activeRow(grid)?.dataset.rowKey?.slice(1));
    expect(afterPage).toBeGreaterThan(5);
    fireEvent.keyDown(grid, { key: 'PageUp' });
    expect(activeRow(grid)?.dataset.rowKey).toBe('r0');
    fireEvent.keyDown(grid, { key: 'End' });
    expect(grid.getAttribute('aria-activedescendant')).toMatch(/-r499$/);
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(activeRow(grid)?.dataset.rowKey).toBe('r0');
  });

  it('opens the active row with Enter', () => {
    const onActivate = vi.fn();
    render(
      <DataTable
        label="Numbers"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        onActivate={onActivate}
      />,
    );
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onActivate).toHaveBeenCalledWith(rows[1]);
  });

  it('asks for more rows when the window nears the end of what is loaded', () => {
    const onNeedMore = vi.fn();
    render(
      <DataTable
        label="Few"
        columns={columns}
        rows={rows.slice(0, 10)}
        rowKey={(r) => r.id}
        hasMore
        onNeedMore={onNeedMore}
      />,
    );
    expect(onNeedMore).toHaveBeenCalled();
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('-1');
  });
});
