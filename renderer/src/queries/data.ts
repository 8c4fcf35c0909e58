import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { LEDGER_FIRST_PAGE, LEDGER_NEXT_PAGE } from '../../../shared/page-sizes';
import { call } from '../bridge/client';
import type { Calls, TransactionQuery } from '../bridge/types';

/**
 * Server state through the bridge. Every key starts with the domain so a
 * committed mutation can invalidate exactly what it may have changed.
 */

export function useTenant(tenantId: string | null) {
  return useQuery({
    queryKey: ['tenants', 'get', tenantId],
    queryFn: () => call('tenants.get', { tenantId: tenantId ?? '' }),
    enabled: tenantId !== null,
  });
}

export function useTenantSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: ['tenants', 'list', q],
    enabled,
    queryFn: () => call('tenants.list', q ? { q, limit: 50 } : { limit: 50 }),
    placeholderData: keepPreviousData,
  });
}

export function usePlans() {
  return useQuery({ queryKey: ['plans'], queryFn: () => call('plans.list', {}), staleTime: 300_000 });
}

type TxArgs = TransactionQuery;
export function useTransactions(args: TxArgs | null) {
  return useInfiniteQuery({
    queryKey: ['wallet', 'transactions', args],
    enabled: args !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call('wallet.transactions', {
        ...(args as TxArgs),
        limit: pageParam ? LEDGER_NEXT_PAGE : LEDGER_FIRST_PAGE,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // Ledger pages never change once written; deep-comparing 100,000 rows on every new page is pure cost.
    structuralSharing: false,
  });
}

type WorkloadArgs = Calls['workloads.list'][0];
export function useWorkloads(args: Omit<WorkloadArgs, 'cursor' | 'limit'> | null) {
  return useInfiniteQuery({
    queryKey: ['workloads', 'list', args],
    enabled: args !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call('workloads.list', {
        ...(args as WorkloadArgs),
        limit: 100,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // Workloads advance with the backend clock; a live-ish list is what operators expect.
    refetchInterval: 10_000,
  });
}

export function useWorkload(workloadId: string | null) {
  return useQuery({
    queryKey: ['workloads', 'get', workloadId],
    queryFn: () => call('workloads.get', { workloadId: workloadId ?? '' }),
    enabled: workloadId !== null,
    refetchInterval: 5_000,
  });
}

export function useEndpoints(tenantId: string | null) {
  return useQuery({
    queryKey: ['endpoints', 'list', tenantId],
    queryFn: async () => {
      // Tenants have few endpoints; walk every page so runway sums all of them.
      const all: Calls['endpoints.list'][1]['data'] = [];
      let cursor: string | undefined;
      do {
        const page = await call('endpoints.list', {
          tenantId: tenantId ?? '',
          limit: 500,
          ...(cursor ? { cursor } : {}),
        });
        all.push(...page.data);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return all;
    },
    enabled: tenantId !== null,
    refetchInterval: 15_000,
  });
}

type AdminName = 'admin.transactions' | 'admin.endpoints' | 'admin.workloads' | 'admin.audit';
export function useAdminList<N extends AdminName>(
  name: N,
  args: Omit<Calls[N][0], 'cursor' | 'limit'>,
  enabled = true,
) {
  return useInfiniteQuery({
    queryKey: ['admin', name, args],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(name, {
        ...args,
        limit: 100,
        ...(pageParam ? { cursor: pageParam } : {}),
      } as Calls[N][0]) as Promise<Calls[N][1]>,
    getNextPageParam: (last) => (last as { next_cursor: string | null }).next_cursor ?? undefined,
  });
}

export function useSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => call('settings.get', {}) });
}

export function useJournal() {
  return useInfiniteQuery({
    queryKey: ['journal'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call('journal.list', { limit: 200, ...(pageParam ? { before: pageParam } : {}) }),
    getNextPageParam: (last) => last.next ?? undefined,
  });
}
