import { QueryClient } from '@tanstack/react-query';
import { OperatorFailure } from '../bridge/client';

/** Retry only what main marked retryable (network, 5xx); a 403 or 404 will not heal by retrying. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => count < 2 && error instanceof OperatorFailure && error.error.retryable,
      },
      mutations: { retry: false },
    },
  });
}

const isLedgerPages = (key: readonly unknown[]) =>
  (key[0] === 'wallet' && key[1] === 'transactions') || key[0] === 'admin';

/**
 * Refetches what is on screen after a commit or on Refresh. Ledger-style
 * infinite lists are reset to their first page rather than refetched page by
 * page: a wallet scrolled to its 100,000th row would otherwise replay 200 requests.
 */
export function refreshAll(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.resetQueries({ predicate: (q) => isLedgerPages(q.queryKey) }),
    qc.invalidateQueries({ predicate: (q) => !isLedgerPages(q.queryKey) }),
  ]);
}
