import type {
  CallName,
  Calls,
  ConnectionStatus,
  Preview,
  Tenant,
  Transaction,
} from '../../../renderer/src/bridge/types';
import type { Envelope } from '../../../shared/ipc/envelope';
import { createFacade } from '../../../shared/ipc/facade';

export type Handler = (args: unknown) => unknown | Promise<unknown>;
export type Handlers = Partial<Record<CallName, Handler>>;

/** A thrown value a handler can use to answer an error envelope. */
export class BridgeError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly extra: Record<string, unknown> = {},
  ) {}
}

export const NOW = '2026-01-15T12:00:00.000Z';

export function tenant(over: Partial<Tenant> = {}): Tenant {
  return {
    id: 'ten_000001',
    name: 'Acme Research',
    status: 'active',
    plan: 'starter',
    monthly_credits: '1000',
    last_replenished_period: '2026-01',
    wallet: { balance: '500', reserved: '0', version: 3 },
    created_at: NOW,
    updated_at: NOW,
    ...over,
  };
}

export function transaction(seq: number, over: Partial<Transaction> = {}): Transaction {
  return {
    id: `txn_${String(seq).padStart(6, '0')}`,
    tenant_id: 'ten_000001',
    seq,
    type: 'top_up',
    amount: '10',
    balance_after: String(seq * 10),
    reason: `reason ${seq}`,
    actor: 'act_admin',
    workload_id: null,
    endpoint_id: null,
    window_start: null,
    window_end: null,
    idempotency_key: null,
    created_at: new Date(Date.parse(NOW) + seq * 60_000).toISOString(),
    ...over,
  };
}

export function connection(
  role: 'admin' | 'support' = 'admin',
  over: Partial<ConnectionStatus> = {},
): ConnectionStatus {
  return {
    profile: {
      id: 'local',
      name: 'Local sandbox',
      baseUrl: 'http://127.0.0.1:4010',
      expectedKind: 'sandbox',
      color: '#0f766e',
      allowInsecureHttp: false,
      builtIn: true,
      hasToken: true,
      tokenPersisted: false,
    },
    state: 'connected',
    me: {
      actor: { id: `act_${role}`, name: role === 'admin' ? 'Ada Admin' : 'Sam Support', role },
      environment: { name: 'Local sandbox', kind: 'sandbox' },
    },
    environmentMismatch: null,
    acknowledged: false,
    canWrite: role === 'admin',
    writeBlockedReason: role === 'admin' ? null : 'Read-only: your token has the support role.',
    checkedAt: NOW,
    error: null,
    vaultWarning: null,
    ...over,
  };
}

export function preview(over: Partial<Preview> = {}): Preview {
  return {
    ticketId: 'tkt_1',
    expiresAt: NOW,
    operation: 'wallet.adjust',
    payload: {},
    tenantId: 'ten_000001',
    environment: { name: 'Local sandbox', kind: 'sandbox' },
    profileId: 'local',
    profileName: 'Local sandbox',
    effects: {
      transactions: [transaction(4, { amount: '25', balance_after: '525', reason: 'goodwill' })],
      wallets: [{ tenant_id: 'ten_000001', balance_before: '500', balance_after: '525' }],
      transitions: [],
    },
    walletVersion: 3,
    ...over,
  };
}

/** Sensible answers for every read the shell makes; tests override what they exercise. */
export function defaultHandlers(role: 'admin' | 'support' = 'admin'): Handlers {
  return {
    'app.version': () => ({ version: '9.8.7', platform: 'linux', runtime: 'electron' }),
    'connection.status': () => connection(role),
    'connection.listProfiles': () => ({
      profiles: [connection(role).profile],
      activeProfileId: 'local',
      notice: null,
    }),
    'settings.get': () => ({ confirmThreshold: '1000', requestTimeoutMs: 10000, updateChecks: false }),
    'tenants.get': () => tenant(),
    'tenants.list': () => ({ data: [tenant()], next_cursor: null }),
    'plans.list': () => ({ data: [{ id: 'starter', name: 'Starter', default_monthly_credits: '1000' }] }),
    'wallet.transactions': () => ({
      data: [transaction(3), transaction(2), transaction(1)],
      next_cursor: null,
    }),
    'workloads.list': () => ({ data: [], next_cursor: null }),
    'endpoints.list': () => ({ data: [], next_cursor: null }),
    'admin.workloads': () => ({ data: [], next_cursor: null }),
    'journal.list': () => ({ entries: [], next: null }),
  };
}

export type Installed = {
  calls: { name: CallName; args: unknown }[];
  /** Pushes a main → renderer event to every subscriber. */
  emit: (name: string, payload: unknown) => void;
};

/** Installs window.operator built with the real createFacade over the given handlers. */
export function installBridge(handlers: Handlers): Installed {
  const calls: Installed['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const subscribe = (name: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    return () => set.delete(listener);
  };
  const emit = (name: string, payload: unknown) => {
    for (const l of listeners.get(name) ?? []) l(payload);
  };
  const facade = createFacade(async (channel, args): Promise<Envelope<unknown>> => {
    calls.push({ name: channel as CallName, args });
    const handler = handlers[channel as CallName];
    if (!handler)
      return {
        ok: false,
        error: { code: 'not_stubbed', message: `${channel} not stubbed`, retryable: false },
      };
    try {
      return { ok: true, value: await handler(args) };
    } catch (e) {
      if (e instanceof BridgeError) {
        return { ok: false, error: { code: e.code, message: e.message, retryable: false, ...e.extra } };
      }
      throw e;
    }
  }, subscribe);
  Object.defineProperty(window, 'operator', { value: facade, configurable: true });
  return { calls, emit };
}

export function uninstallBridge() {
  Reflect.deleteProperty(window, 'operator');
}

export type { Calls };
