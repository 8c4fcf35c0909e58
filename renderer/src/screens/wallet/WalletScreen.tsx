import { useMemo, useState } from 'react';
import { call, toOperatorError } from '../../bridge/client';
import type { Transaction, TransactionQuery } from '../../bridge/types';
import { Credits } from '../../components/Credits';
import { ErrorState } from '../../components/ErrorState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { TenantRequired } from '../../components/TenantRequired';
import { dateInputToIso } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { PinControl } from '../../offline/PinControl';
import { useTenant as useTenantQuery, useTransactions } from '../../queries/data';
import { toast } from '../../state/toasts';
import { BalanceChart } from './BalanceChart';
import { TransactionTable } from './TransactionTable';
import { TRANSACTION_TYPES } from './types';

export function WalletScreen() {
  return <TenantRequired>{(tenantId) => <WalletBody key={tenantId} tenantId={tenantId} />}</TenantRequired>;
}

type Filters = { type: string; since: string; until: string; q: string };

function toQuery(tenantId: string, f: Filters): TransactionQuery {
  const since = dateInputToIso(f.since);
  const until = dateInputToIso(f.until, true);
  const q = f.q.trim();
  return {
    tenantId,
    ...(f.type ? { type: f.type as Transaction['type'] } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(q ? { q } : {}),
  };
}

/** Client-side check of the same search, so results are right even where the backend ignores `q`. */
function matchesSearch(t: Transaction, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return t.id.toLowerCase().includes(needle) || t.reason.toLowerCase().includes(needle);
}

function WalletBody({ tenantId }: { tenantId: string }) {
  const tenant = useTenantQuery(tenantId);
  const [filters, setFilters] = useState<Filters>({ type: '', since: '', until: '', q: '' });
  const debouncedQ = useDebounced(filters.q, 250);
  const query = useMemo(
    () => toQuery(tenantId, { ...filters, q: debouncedQ }),
    [tenantId, filters, debouncedQ],
  );
  const tx = useTransactions(query);
  const loaded = useMemo(() => tx.data?.pages.flatMap((p) => p.data) ?? [], [tx.data]);
  const rows = useMemo(
    () => (debouncedQ ? loaded.filter((t) => matchesSearch(t, debouncedQ)) : loaded),
    [loaded, debouncedQ],
  );
  const [exporting, setExporting] = useState(false);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const exportCsv = async () => {
    setExporting(true);
    try {
      const result = await call('wallet.exportCsv', query);
      if (result.saved)
        toast({
          tone: 'success',
          title: `Exported ${result.rows.toLocaleString('en-US')} transactions`,
          detail: result.path ?? undefined,
        });
      else toast({ tone: 'info', title: 'Export cancelled', detail: 'No file was written.' });
    } catch (e) {
      toast({ tone: 'error', title: 'Export failed', detail: toOperatorError(e).message });
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="wallet">
      <ScreenHeader
        title="Wallet"
        subtitle="Credit history, newest first."
        stamp="transactions"
        actions={
          <>
            <PinControl tenantId={tenantId} />
            <button type="button" className="btn" onClick={() => void exportCsv()} disabled={exporting}>
              {exporting ? 'Exporting…' : 'Export CSV of this filter…'}
            </button>
          </>
        }
      />
      {tenant.isPending ? (
        <Skeleton rows={1} label="Loading wallet…" />
      ) : tenant.isError ? (
        <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />
      ) : (
        <div className="cards" data-testid="wallet-cards">
          <div className="card">
            <p className="card-label">Balance</p>
            <p className="card-value" data-testid="wallet-balance">
              <Credits value={tenant.data.wallet.balance} />
            </p>
          </div>
          <div className="card">
            <p className="card-label">Reserved</p>
            <p className="card-value">
              <Credits value={tenant.data.wallet.reserved} />
            </p>
            <p className="card-note">held by unreconciled workloads, already deducted</p>
          </div>
          <div className="card">
            <p className="card-label">Version</p>
            <p className="card-value num" data-testid="wallet-version">
              {tenant.data.wallet.version.toLocaleString('en-US')}
            </p>
            <p className="card-note">transactions in the ledger</p>
          </div>
          <div className="card card-chart">
            <BalanceChart transactions={loaded} complete={!tx.hasNextPage} />
          </div>
        </div>
      )}
      <search className="filters" aria-label="Filter transactions">
        <label className="filter">
          <span>Type</span>
          <select
            className="input"
            value={filters.type}
            onChange={(e) => set({ type: e.target.value })}
            data-testid="type-filter"
          >
            <option value="">All types</option>
            {TRANSACTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>From (UTC)</span>
          <input
            className="input"
            type="date"
            value={filters.since}
            onChange={(e) => set({ since: e.target.value })}
          />
        </label>
        <label className="filter">
          <span>To (UTC, inclusive)</span>
          <input
            className="input"
            type="date"
            value={filters.until}
            onChange={(e) => set({ until: e.target.value })}
          />
        </label>
        <label className="filter filter-grow">
          <span>Search id or reason</span>
          <input
            className="input"
            type="search"
            placeholder="txn_… or words of the reason  ( / )"
            value={filters.q}
            data-search=""
            onChange={(e) => set({ q: e.target.value })}
          />
        </label>
        <span className="filter-count num" aria-live="polite" data-testid="tx-count">
          {rows.length.toLocaleString('en-US')}
          {tx.hasNextPage ? '+' : ''} shown
        </span>
      </search>
      {tx.isPending ? (
        <Skeleton label="Loading transactions…" />
      ) : tx.isError ? (
        <ErrorState error={tx.error} onRetry={() => void tx.refetch()} />
      ) : (
        <TransactionTable
          rows={rows}
          filtered={Boolean(filters.type || filters.since || filters.until || debouncedQ)}
          hasMore={tx.hasNextPage}
          loadingMore={tx.isFetchingNextPage}
          onNeedMore={() => void tx.fetchNextPage()}
        />
      )}
    </div>
  );
}
