import { parseCredits } from '../../shared/money';
import { periodOf } from '../domain/clock';
import type { StatementCache } from '../store/db';
import { DAY, insertTenant } from './helpers';

const LARGE_TENANT_TRANSACTIONS = 100_000;
const TOTAL_TENANTS = 1_000;

/**
 * On top of the demo world: one tenant with 100,000 transactions and enough
 * small tenants to make 1,000 overall. Written with a handful of prepared
 * statements inside the seed's single transaction (the wallet triggers still
 * check every row), which keeps it well under 10 s.
 */
export function seedLarge(sql: StatementCache, T: number): void {
  const insertTx = sql.get(
    `INSERT INTO transactions (tenant_n, seq, type, amount, balance_after, reason, actor, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'system', ?)`,
  );
  const setPlan = sql.get(
    "UPDATE tenants SET status = 'active', plan = ?, monthly_credits = ?, last_replenished_period = ? WHERE n = ?",
  );

  const start = T - 365 * DAY;
  const big = insertTenant(sql, 'Massive Dynamic (100k transactions)', 'active', start);
  setPlan.run('enterprise', parseCredits('50000'), periodOf(T), big);
  let balance = 0n;
  const step = Math.floor((T - start) / LARGE_TENANT_TRANSACTIONS);
  for (let seq = 1; seq <= LARGE_TENANT_TRANSACTIONS; seq++) {
    const at = start + seq * step;
    // Every 500th row is a grant big enough to fund the next 499 usage debits.
    const grant = seq % 500 === 1;
    const amount = grant ? parseCredits('1000') : -BigInt(10_000 + ((seq * 7919) % 20_000));
    balance += amount;
    insertTx.run(
      big,
      seq,
      grant ? 'top_up' : 'endpoint_usage',
      amount,
      balance,
      grant ? `Prepaid block #${(seq - 1) / 500 + 1}` : `Batch inference usage #${seq}`,
      at,
    );
  }

  const existing = (sql.get('SELECT count(*) AS c FROM tenants').get() as { c: bigint }).c;
  for (let i = Number(existing); i < TOTAL_TENANTS; i++) {
    const at = start + (i % 300) * DAY;
    const n = insertTenant(
      sql,
      `Tenant ${String(i).padStart(4, '0')} Ltd`,
      i % 10 === 0 ? 'pending_subscription' : 'active',
      at,
    );
    if (i % 10 === 0) continue;
    setPlan.run('starter', parseCredits('500'), null, n);
    insertTx.run(
      n,
      1,
      'subscription_grant',
      parseCredits('500'),
      parseCredits('500'),
      'First month of plan starter',
      at,
    );
    insertTx.run(n, 2, 'endpoint_usage', -parseCredits('12.5'), parseCredits('487.5'), 'Usage', at + DAY);
  }
}
