import { parseCredits } from '../../shared/money';
import { periodOf } from '../domain/clock';
import type { Ctx } from '../domain/context';
import { adjustWallet, replenishWallet, updateSubscription } from '../domain/wallet';
import { advanceWorkloads, cancelWorkload, createWorkload, reconcileWorkload } from '../domain/workloads';
import type { StatementCache } from '../store/db';
import { ctxAt, DAY, HOUR, insertEndpoint, insertTenant, meterWindow, monthStart, windows } from './helpers';

/** Payloads the UI must render as inert text. */
export const XSS_NAME = 'Hooli <img src=x onerror=alert(1)>';
export const XSS_SCRIPT = '<script>alert("xss")</script>';

interface Op {
  at: number;
  run: (ctx: Ctx) => void;
}

/**
 * The demo world, relative to the clock at seeding time (T):
 * - Acme Robotics: active, team plan, > 2,000 transactions over ~100 days,
 *   workloads in every status (including terminal and unreconciled).
 * - Globex Research: active, balance below zero, an endpoint in depleted_grace.
 * - Initech Labs: active, balance below zero, a suspended endpoint.
 * - Soylent Corp: suspended tenant.
 * - Umbrella Analytics, Wayne Enterprises: pending_subscription.
 * - Hooli <img …>: active, with HTML/script payloads in names and reasons.
 * - Stark Industries: active, last replenished last month (replenishable now).
 * Mutations run in time order through the same domain functions as requests.
 */
export function seedDemo(sql: StatementCache, T: number): void {
  const ops: Op[] = [];
  const op = (at: number, run: (ctx: Ctx) => void) => ops.push({ at, run });
  const start = T - 100 * DAY;

  const subscribe = (tenantN: bigint, at: number, plan: string, monthly: string) =>
    op(at, (ctx) => {
      const tenant = ctx.repo.tenant(tenantN);
      if (tenant)
        updateSubscription(ctx, tenant, {
          plan,
          monthlyCredits: parseCredits(monthly),
          activate: true,
          issueFirstMonth: true,
        });
    });
  const monthly = (tenantN: bigint, from: number, until: number) => {
    for (let m = monthStart(from, 1); m <= until; m = monthStart(m, 1)) {
      op(m + HOUR, (ctx) => {
        const tenant = ctx.repo.tenant(tenantN);
        if (tenant && tenant.last_replenished_period !== periodOf(ctx.now))
          replenishWallet(ctx, tenant, null);
      });
    }
  };
  const wallet = (
    tenantN: bigint,
    at: number,
    kind: 'adjustment' | 'top_up',
    amount: string,
    reason: string,
  ) =>
    op(at, (ctx) => {
      const tenant = ctx.repo.tenant(tenantN);
      if (tenant) adjustWallet(ctx, tenant, kind, parseCredits(amount), reason);
    });
  const workloads = new Map<string, bigint>();
  const submit = (label: string, tenantN: bigint, at: number, url: string, name?: string) =>
    op(at, (ctx) => {
      const tenant = ctx.repo.tenant(tenantN);
      if (tenant) workloads.set(label, createWorkload(ctx, tenant, url, name).workload.n);
    });
  const cancel = (label: string, at: number) =>
    op(at, (ctx) => {
      const n = workloads.get(label);
      const row = n === undefined ? undefined : ctx.repo.workload(n);
      if (row) cancelWorkload(ctx, row);
    });
  const reconcile = (label: string, at: number, actual: string) =>
    op(at, (ctx) => {
      const n = workloads.get(label);
      const row = n === undefined ? undefined : ctx.repo.workload(n);
      if (row) reconcileWorkload(ctx, row, parseCredits(actual));
    });

  const meter = (endpointN: bigint, stepMs: number, until: number) => {
    const created = sql.get('SELECT last_metered_at FROM endpoints WHERE n = ?').get(endpointN) as {
      last_metered_at: bigint;
    };
    for (const [from, to] of windows(Number(created.last_metered_at), stepMs, until)) {
      op(to, (ctx) => meterWindow(ctx, endpointN, from, to));
    }
  };

  // Acme Robotics: the long-history tenant.
  const acme = insertTenant(sql, 'Acme Robotics', 'pending_subscription', start);
  subscribe(acme, start + HOUR, 'team', '5000');
  monthly(acme, start, T);
  for (let week = 1; week * 7 * DAY < 100 * DAY; week++) {
    wallet(
      acme,
      start + week * 7 * DAY + 3 * HOUR,
      'top_up',
      '250',
      `Weekly prepaid top-up #${week} (invoice INV-${1000 + week})`,
    );
  }
  wallet(
    acme,
    start + 10 * DAY,
    'adjustment',
    '-10',
    'Correction: duplicate credit issued on ticket SUP-1182',
  );
  wallet(
    acme,
    start + 40 * DAY,
    'adjustment',
    '35.5',
    'Goodwill credit after the 2h outage on the eu-west cluster',
  );
  submit(
    'acme-ok-reconciled',
    acme,
    T - 3 * DAY,
    'https://github.com/acme/models/blob/main/train_resnet.ipynb',
  );
  reconcile('acme-ok-reconciled', T - 2 * DAY, '14.25');
  submit(
    'acme-charge',
    acme,
    T - 5 * DAY,
    'https://github.com/acme/models/blob/main/finetune_llm.ipynb',
    'LLM fine-tune (overran)',
  );
  reconcile('acme-charge', T - 4 * DAY, '48.1234');
  submit(
    'acme-failed-reconciled',
    acme,
    T - 6 * DAY,
    'https://github.com/acme/models/blob/main/etl_fail_case.py',
  );
  reconcile('acme-failed-reconciled', T - 5 * DAY, '1.5');
  submit(
    'acme-succeeded',
    acme,
    T - DAY,
    'https://github.com/acme/models/blob/main/evaluate.py',
    'Nightly evaluation',
  );
  submit(
    'acme-failed',
    acme,
    T - 20 * HOUR,
    'https://github.com/acme/models/blob/main/import_fail.ipynb',
    'Data import',
  );
  submit(
    'acme-cancelled',
    acme,
    T - 2 * HOUR,
    'https://github.com/acme/models/blob/main/sweep.py',
    'Hyper-parameter sweep',
  );
  cancel('acme-cancelled', T - 2 * HOUR + 7_000);
  submit(
    'acme-running',
    acme,
    T - 40_000,
    'https://github.com/acme/models/blob/main/long_training.ipynb',
    'Long training run',
  );
  submit('acme-instrumenting', acme, T - 20_000, 'https://github.com/acme/models/blob/main/profile.py');
  submit('acme-fetching', acme, T - 8_000, 'https://github.com/acme/models/blob/main/explore.ipynb?plain=1');
  submit(
    'acme-queued',
    acme,
    T - 2_000,
    'https://github.com/acme/models/blob/main/report.py',
    'Weekly report',
  );

  // Hooli: hostile strings everywhere a tenant controls text.
  const hooli = insertTenant(sql, XSS_NAME, 'pending_subscription', start + 5 * DAY);
  subscribe(hooli, start + 5 * DAY + HOUR, 'enterprise', '50000');
  monthly(hooli, start + 5 * DAY, T);
  wallet(
    hooli,
    start + 30 * DAY,
    'adjustment',
    '-42',
    `Chargeback ${XSS_SCRIPT} per <b>finance</b> & "legal"`,
  );
  submit(
    'hooli-xss',
    hooli,
    T - 3 * HOUR,
    'https://github.com/hooli/nucleus/blob/main/compress.ipynb',
    XSS_SCRIPT,
  );
  submit(
    'hooli-xss-2',
    hooli,
    T - 30 * HOUR,
    'https://github.com/hooli/nucleus/blob/main/fail_%3Cimg%3E.py',
    '<img src=x onerror=alert(2)>',
  );

  // Stark: replenished last month, so this month's replenishment is available.
  const stark = insertTenant(sql, 'Stark Industries', 'pending_subscription', start + 20 * DAY);
  subscribe(stark, monthStart(T, -1) + 2 * HOUR, 'team', '5000');

  // Tenants waiting for a subscription.
  insertTenant(sql, 'Umbrella Analytics', 'pending_subscription', T - 2 * DAY);
  insertTenant(sql, 'Wayne Enterprises', 'pending_subscription', T - 6 * HOUR);

  // Globex: overspent; its endpoint entered grace 10 minutes ago.
  const globex = insertTenant(sql, 'Globex Research', 'pending_subscription', T - 4 * DAY);
  subscribe(globex, T - 4 * DAY + HOUR, 'starter', '500');

  // Initech: overspent long ago; its endpoint is suspended.
  const initech = insertTenant(sql, 'Initech Labs', 'pending_subscription', T - 10 * DAY);
  subscribe(initech, T - 10 * DAY + HOUR, 'starter', '500');

  // Soylent: a suspended tenant with some history.
  const soylent = insertTenant(sql, 'Soylent Corp', 'pending_subscription', start + 15 * DAY);
  subscribe(soylent, start + 15 * DAY + HOUR, 'starter', '500');
  wallet(soylent, start + 50 * DAY, 'top_up', '100', 'Card payment');

  // Endpoints and their usage history, metered window by window in time order.
  const acmeChat = insertEndpoint(sql, acme, 'acme-chat-prod', '2', start + 2 * HOUR);
  meter(acmeChat, HOUR, T - 15 * 60_000);
  const acmeEmb = insertEndpoint(sql, acme, 'acme-embeddings', '0.75', start + 2 * HOUR);
  meter(acmeEmb, 6 * HOUR, T);
  const hooliEp = insertEndpoint(sql, hooli, '<svg onload=alert(3)>-endpoint', '1.2345', T - 3 * DAY);
  meter(hooliEp, 4 * HOUR, T);
  const starkEp = insertEndpoint(sql, stark, 'jarvis-inference', '3', T - 5 * DAY);
  meter(starkEp, 2 * HOUR, T);

  const globexEp = insertEndpoint(sql, globex, 'globex-batch', '10', T - 4 * DAY + 2 * HOUR);
  meter(globexEp, HOUR, T - 10 * 60_000);
  const initechEp = insertEndpoint(sql, initech, 'initech-tps-reports', '5', T - 10 * DAY + 2 * HOUR);
  meter(initechEp, HOUR, T - 4 * DAY);
  const initechIdle = insertEndpoint(sql, initech, 'initech-staging', '0.5', T - 9 * DAY);
  meter(initechIdle, 12 * HOUR, T - 10 * 60_000);
  const soylentEp = insertEndpoint(sql, soylent, 'soylent-green', '1', start + 16 * DAY);
  meter(soylentEp, 6 * HOUR, start + 60 * DAY);

  ops.sort((a, b) => a.at - b.at);
  for (const { at, run } of ops) {
    advanceWorkloads(sql, at);
    run(ctxAt(sql, at, 'usr_seed_admin'));
  }

  // Endpoint states the history above would have produced under real metering.
  const setEndpoint = (n: bigint, status: string, graceExpiresAt: number | null) =>
    sql
      .get('UPDATE endpoints SET status = ?, grace_expires_at = ? WHERE n = ?')
      .run(status, graceExpiresAt, n);
  setEndpoint(globexEp, 'depleted_grace', T - 10 * 60_000 + HOUR);
  setEndpoint(initechEp, 'suspended', null);
  setEndpoint(initechIdle, 'depleted_grace', T + 20 * 60_000);
  setEndpoint(soylentEp, 'suspended', null);
  sql
    .get("UPDATE tenants SET status = 'suspended', updated_at = ? WHERE n = ?")
    .run(start + 60 * DAY, soylent);

  advanceWorkloads(sql, T);
}
