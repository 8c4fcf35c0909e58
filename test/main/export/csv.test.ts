import { describe, expect, it } from 'vitest';
import { csvField, csvRow, matchesSearch } from '../../../main/core/export/csv';
import type { Transaction } from '../../../shared/api';

const tx: Transaction = {
  id: 'txn_000001',
  tenant_id: 'ten_000001',
  seq: 1,
  type: 'adjustment',
  amount: '-10',
  balance_after: '90.5',
  reason: '=HYPERLINK("http://evil.example","click"), "quoted"',
  actor: 'usr_1',
  workload_id: null,
  endpoint_id: null,
  window_start: null,
  window_end: null,
  idempotency_key: 'k',
  created_at: '2026-01-01T00:00:00.000Z',
};

describe('CSV export', () => {
  it('neutralises spreadsheet formulas in free text but keeps negative amounts as numbers', () => {
    expect(csvField('reason', '=1+1')).toBe("'=1+1");
    expect(csvField('reason', '@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('amount', '-10')).toBe('-10');
    expect(csvRow(tx)).toBe(
      `txn_000001,1,2026-01-01T00:00:00.000Z,ten_000001,adjustment,-10,90.5,"'=HYPERLINK(""http://evil.example"",""click""), ""quoted""",usr_1,,,,\r\n`,
    );
  });

  it('searches id and reason, case-insensitively', () => {
    expect(matchesSearch(tx, 'HYPERLINK')).toBe(true);
    expect(matchesSearch(tx, 'TXN_0000')).toBe(true);
    expect(matchesSearch(tx, 'refund')).toBe(false);
    expect(matchesSearch(tx, '  ')).toBe(true);
  });
});
