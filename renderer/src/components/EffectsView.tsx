import type { MutationRequest, Preview } from '../bridge/types';
import { humanize } from '../lib/format';
import { blastRadius } from '../lib/friction';
import { displayCredits, displayUnits, parseCredits } from '../lib/money';
import { Credits } from './Credits';

/** Renders a preview's effects: balances, each transaction, each state transition. */
export function EffectsView({ request, preview }: { request: MutationRequest; preview: Preview }) {
  const { effects } = preview;
  return (
    <div className="effects">
      <p className="effects-summary" data-testid="effects-summary">
        {summarize(request, preview)}
      </p>
      {request.operation === 'metering.tick' ? <BlastRadius preview={preview} /> : null}

      <section aria-label="Balances">
        <h3>Balance</h3>
        {effects.wallets.length === 0 ? (
          <p className="muted">No wallet changes.</p>
        ) : (
          <table className="table compact" data-testid="effects-wallets">
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col" className="right">
                  Before
                </th>
                <th scope="col" className="right">
                  After
                </th>
              </tr>
            </thead>
            <tbody>
              {effects.wallets.map((w) => (
                <tr key={w.tenant_id}>
                  <td>
                    <code>{w.tenant_id}</code>
                  </td>
                  <td className="right">
                    <Credits value={w.balance_before} />
                  </td>
                  <td className="right">
                    → <Credits value={w.balance_after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-label="Transactions to be written">
        <h3>
          Transactions to be written <span className="count">{effects.transactions.length}</span>
        </h3>
        {effects.transactions.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <div className="effects-scroll">
            <table className="table compact" data-testid="effects-transactions">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Tenant</th>
                  <th scope="col" className="right">
                    Amount
                  </th>
                  <th scope="col" className="right">
                    Balance after
                  </th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {effects.transactions.map((t) => (
                  <tr key={`${t.tenant_id}-${t.seq}`}>
                    <td>{humanize(t.type)}</td>
                    <td>
                      <code>{t.tenant_id}</code>
                    </td>
                    <td className="right">
                      <Credits value={t.amount} signed />
                    </td>
                    <td className="right">
                      <Credits value={t.balance_after} />
                    </td>
                    <td className="truncate">{t.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-label="State transitions">
        <h3>
          State transitions <span className="count">{effects.transitions.length}</span>
        </h3>
        {effects.transitions.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="transitions" data-testid="effects-transitions">
            {effects.transitions.map((t) => (
              <li key={`${t.entity}-${t.id}-${t.field}`}>
                {t.entity} <code>{t.id}</code> {t.field}: <span className="from">{t.from ?? '—'}</span> →{' '}
                <strong>{t.to ?? '—'}</strong>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function BlastRadius({ preview }: { preview: Preview }) {
  const b = blastRadius(preview.effects);
  return (
    <section aria-label="Blast radius" className="callout callout-warn" data-testid="blast-radius">
      <h3>Blast radius</h3>
      <dl className="kv">
        <dt>Endpoints metered</dt>
        <dd className="num">{b.endpointsMetered}</dd>
        <dt>Tenants charged</dt>
        <dd className="num">{b.tenants}</dd>
        <dt>Credits consumed</dt>
        <dd className="num">{displayUnits(b.credits)}</dd>
        <dt>Into depleted_grace</dt>
        <dd>{b.intoGrace.length ? b.intoGrace.join(', ') : 'none'}</dd>
        <dt>Into suspended</dt>
        <dd>{b.intoSuspended.length ? b.intoSuspended.join(', ') : 'none'}</dd>
        {b.reactivated.length ? (
          <>
            <dt>Reactivated</dt>
            <dd>{b.reactivated.join(', ')}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** One sentence saying what the change does, from the server's effects. */
export function summarize(request: MutationRequest, preview: Preview): string {
  const txs = preview.effects.transactions;
  const first = txs[0];
  const wallet = preview.effects.wallets[0];
  const balance = wallet
    ? ` Balance ${displayCredits(wallet.balance_before)} → ${displayCredits(wallet.balance_after)}.`
    : '';
  const abs = (v: string) => {
    const u = parseCredits(v);
    return displayUnits(u < 0n ? -u : u);
  };
  switch (request.operation) {
    case 'workload.create':
      return first
        ? `Reserves the estimate of ${abs(first.amount)} credits up front.${balance}`
        : `Creates the workload.${balance}`;
    case 'workload.cancel':
      return 'Moves the workload to cancelled. Its reservation stays until reconciliation.';
    case 'wallet.adjust':
      return first
        ? `${parseCredits(first.amount) < 0n ? 'Deducts' : 'Adds'} ${abs(first.amount)} credits as ${humanize(first.type)}.${balance}`
        : `No transaction.${balance}`;
    case 'wallet.replenish':
      return first
        ? `Issues ${abs(first.amount)} credits of monthly replenishment.${balance}`
        : `Nothing to issue.${balance}`;
    case 'subscription.set':
      return `${preview.effects.transitions.length} subscription change(s)${first ? `, grants ${abs(first.amount)} credits now` : ''}.${balance}`;
    case 'workload.reconcile':
      if (!first) return 'Actual equals the estimate: no transaction; the workload is marked reconciled.';
      return `${first.type === 'reconciliation_charge' ? 'Charges' : 'Refunds'} ${abs(first.amount)} credits.${balance}`;
    case 'metering.tick':
      return `Meters ${txs.length} endpoint window(s) across ${preview.effects.wallets.length} tenant(s).`;
  }
}
