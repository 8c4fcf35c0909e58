import { type Page, routes, type Transaction } from '../../../shared/api';
import type { ChannelArgs } from '../../../shared/ipc/contract';
import type { ApiClient } from '../api/api-client';
import { matchesSearch } from '../export/csv';
import type { Handlers } from '../ipc/dispatcher';

type ReadChannels =
  | 'tenants.list'
  | 'tenants.get'
  | 'plans.list'
  | 'wallet.transactions'
  | 'workloads.list'
  | 'workloads.get'
  | 'endpoints.list'
  | 'endpoints.get'
  | 'admin.transactions'
  | 'admin.endpoints'
  | 'admin.workloads'
  | 'admin.audit';

/** Pages walked at most per call when main filters by `q` itself (keeps one call bounded). */
const MAX_PAGES_PER_SEARCH = 20;

const bool = (value: boolean | 'true' | 'false' | undefined) =>
  value === undefined ? undefined : String(value);

/**
 * Read operations: each maps camelCase bridge arguments onto one contract
 * route's query (snake_case) and returns the validated wire data unchanged.
 */
export function createReadHandlers(client: () => ApiClient): Pick<Handlers, ReadChannels> {
  return {
    'tenants.list': async (a) =>
      (
        await client().get('listTenants', {
          query: { q: a.q, status: a.status, cursor: a.cursor, limit: a.limit },
        })
      ).data,
    'tenants.get': async (a) => (await client().get('getTenant', { params: { tenant_id: a.tenantId } })).data,
    'plans.list': async () => (await client().get('listPlans')).data,
    'wallet.transactions': async (a) => transactionsPage(client(), a),
    'workloads.list': async (a) =>
      (
        await client().get('listTenantWorkloads', {
          params: { tenant_id: a.tenantId },
          query: {
            status: a.status,
            reconciled: bool(a.reconciled),
            terminal: bool(a.terminal),
            q: a.q,
            cursor: a.cursor,
            limit: a.limit,
          },
        })
      ).data,
    'workloads.get': async (a) =>
      (await client().get('getWorkload', { params: { workload_id: a.workloadId } })).data,
    'endpoints.list': async (a) =>
      (
        await client().get('listTenantEndpoints', {
          params: { tenant_id: a.tenantId },
          query: { status: a.status, cursor: a.cursor, limit: a.limit },
        })
      ).data,
    'endpoints.get': async (a) =>
      (await client().get('getEndpoint', { params: { endpoint_id: a.endpointId } })).data,
    'admin.transactions': async (a) =>
      (
        await client().get('listAdminTransactions', {
          query: {
            tenant_id: a.tenantId,
            type: a.type,
            q: a.q,
            actor: a.actor,
            since: a.since,
            until: a.until,
            cursor: a.cursor,
            limit: a.limit,
          },
        })
      ).data,
    'admin.endpoints': async (a) =>
      (
        await client().get('listAdminEndpoints', {
          query: { tenant_id: a.tenantId, status: a.status, cursor: a.cursor, limit: a.limit },
        })
      ).data,
    'admin.workloads': async (a) =>
      (
        await client().get('listAdminWorkloads', {
          query: {
            tenant_id: a.tenantId,
            status: a.status,
            reconciled: bool(a.reconciled),
            terminal: bool(a.terminal),
            q: a.q,
            cursor: a.cursor,
            limit: a.limit,
          },
        })
      ).data,
    'admin.audit': async (a) =>
      (
        await client().get('listAudit', {
          query: {
            tenant_id: a.tenantId,
            actor: a.actor,
            action: a.action,
            since: a.since,
            until: a.until,
            cursor: a.cursor,
            limit: a.limit,
          },
        })
      ).data,
  };
}

type TransactionFilter = Omit<ChannelArgs<'wallet.transactions'>, 'cursor' | 'limit'>;

/** Whether the backend filters transactions by `q` itself; if not, main does (see transactionsPage). */
export const backendSearchesTransactions = 'q' in (routes.listTenantTransactions.query?.shape ?? {});

/**
 * One page of a tenant's transactions. With a search term the contract cannot
 * filter by, main walks whole backend pages and keeps the matches; it returns
 * the cursor after the last page it read, so paging never skips or repeats a
 * row, though a page may hold fewer than `limit` rows.
 */
export async function transactionsPage(
  client: ApiClient,
  args: TransactionFilter & { cursor?: string | undefined; limit?: number | undefined },
): Promise<Page<Transaction>> {
  const query = {
    type: args.type,
    since: args.since,
    until: args.until,
    after_seq: args.afterSeq,
    limit: args.limit,
  };
  const params = { tenant_id: args.tenantId };
  const search = args.q?.trim() ?? '';
  if (search === '' || backendSearchesTransactions) {
    return (
      await client.get('listTenantTransactions', {
        params,
        query: { ...query, cursor: args.cursor, ...(search !== '' ? { q: search } : {}) },
      })
    ).data;
  }
  const wanted = args.limit ?? 50;
  const data: Transaction[] = [];
  let cursor = args.cursor;
  for (let pages = 0; pages < MAX_PAGES_PER_SEARCH; pages += 1) {
    const page = (
      await client.get('listTenantTransactions', { params, query: { ...query, limit: 500, cursor } })
    ).data;
    data.push(...page.data.filter((t) => matchesSearch(t, search)));
    cursor = page.next_cursor ?? undefined;
    if (cursor === undefined || data.length >= wanted) break;
  }
  return { data, next_cursor: cursor ?? null };
}
