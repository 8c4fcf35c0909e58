/**
 * Bridge payload types as agreed in docs/BRIDGE-PLAN.md. Wire resources come
 * from the contract's zod types (type-only imports: no zod at runtime here).
 * Once shared/ipc/contract.ts carries every channel these should be derived
 * from it; keeping them in one file makes that switch a one-file change.
 */
import type {
  AuditEntry,
  Effects,
  Endpoint,
  EndpointStatus,
  EnvironmentKind,
  Me,
  Page,
  PlanList,
  Tenant,
  TenantStatus,
  Transaction,
  TransactionType,
  Workload,
  WorkloadStatus,
} from '../../../shared/api/schemas';
import type { OperatorError } from '../../../shared/ipc/envelope';

export type {
  AuditEntry,
  Effects,
  Endpoint,
  EnvironmentKind,
  Me,
  OperatorError,
  PlanList,
  Tenant,
  Transaction,
  Workload,
};

export type ProfileView = {
  id: string;
  name: string;
  baseUrl: string;
  expectedKind: EnvironmentKind;
  color: string;
  allowInsecureHttp: boolean;
  builtIn: boolean;
  hasToken: boolean;
  tokenPersisted: boolean;
};

export type ConnectionState =
  | 'no_profile'
  | 'no_token'
  | 'checking'
  | 'connected'
  | 'unauthorized'
  | 'unreachable'
  | 'error';

export type ConnectionStatus = {
  profile: ProfileView | null;
  state: ConnectionState;
  me: Me | null;
  environmentMismatch: { expected: EnvironmentKind; actual: EnvironmentKind } | null;
  acknowledged: boolean;
  canWrite: boolean;
  writeBlockedReason: string | null;
  checkedAt: string | null;
  error: OperatorError | null;
};

export type MutationRequest =
  | { operation: 'workload.create'; payload: { tenantId: string; sourceUrl: string; name?: string } }
  | { operation: 'workload.cancel'; payload: { workloadId: string } }
  | {
      operation: 'subscription.set';
      payload: {
        tenantId: string;
        plan: string;
        monthlyCredits: string;
        activate: boolean;
        issueFirstMonth: boolean;
      };
    }
  | {
      operation: 'wallet.adjust';
      payload: { tenantId: string; kind: 'adjustment' | 'top_up'; amount: string; reason: string };
    }
  | { operation: 'wallet.replenish'; payload: { tenantId: string; amount?: string } }
  | { operation: 'workload.reconcile'; payload: { workloadId: string; actualCredits: string } }
  | { operation: 'metering.tick'; payload: Record<string, never> };

export type MutationOperation = MutationRequest['operation'];

export type Preview = {
  ticketId: string;
  expiresAt: string;
  operation: MutationOperation;
  tenantId: string | null;
  environment: { name: string; kind: EnvironmentKind };
  profileName: string;
  effects: Effects;
  walletVersion: number | null;
};

export type CommitResult = {
  outcome: 'committed';
  operation: MutationOperation;
  tenantId: string | null;
  transactionIds: string[];
  replayed: boolean;
  result: unknown;
  journalId: string;
};

export type Settings = { confirmThreshold: string; requestTimeoutMs: number; updateChecks: boolean };

export type JournalEntry = {
  id: string;
  at: string;
  profileId: string;
  profileName: string;
  operator: string;
  operation: string;
  tenantId: string | null;
  amount: string | null;
  idempotencyKey: string;
  phase: 'attempt' | 'result';
  outcome: 'pending' | 'committed' | 'failed' | 'unknown';
  error: OperatorError | null;
  transactionIds: string[];
};

export type TransactionPage = Page<Transaction>;
export type ExportResult = { saved: boolean; path: string | null; rows: number };

/** Every call the renderer makes, with its arguments and unwrapped result. */
export type Calls = {
  'app.version': [Record<string, never>, { version: string; platform: string; runtime: 'electron' | 'web' }];
  'connection.listProfiles': [
    Record<string, never>,
    { profiles: ProfileView[]; activeProfileId: string | null },
  ];
  'connection.saveProfile': [
    {
      id?: string;
      name: string;
      baseUrl: string;
      expectedKind: EnvironmentKind;
      color: string;
      allowInsecureHttp: boolean;
    },
    ProfileView,
  ];
  'connection.deleteProfile': [{ profileId: string }, Record<string, never>];
  'connection.setToken': [
    { profileId: string; token: string },
    { hasToken: true; persisted: boolean; warning: string | null },
  ];
  'connection.clearToken': [{ profileId: string }, Record<string, never>];
  'connection.activate': [{ profileId: string }, ConnectionStatus];
  'connection.status': [Record<string, never>, ConnectionStatus];
  'connection.check': [Record<string, never>, ConnectionStatus];
  'connection.acknowledgeEnvironment': [{ profileId: string }, ConnectionStatus];
  'tenants.list': [{ q?: string; status?: TenantStatus; cursor?: string; limit?: number }, Page<Tenant>];
  'tenants.get': [{ tenantId: string }, Tenant];
  'plans.list': [Record<string, never>, PlanList];
  'wallet.transactions': [TransactionQuery & { cursor?: string; limit?: number }, TransactionPage];
  'wallet.exportCsv': [TransactionQuery, ExportResult];
  'workloads.list': [
    { tenantId: string; status?: WorkloadStatus; reconciled?: boolean; cursor?: string; limit?: number },
    Page<Workload>,
  ];
  'workloads.get': [{ workloadId: string }, Workload];
  'endpoints.list': [
    { tenantId: string; status?: EndpointStatus; cursor?: string; limit?: number },
    Page<Endpoint>,
  ];
  'endpoints.get': [{ endpointId: string }, Endpoint];
  'admin.transactions': [
    {
      tenantId?: string;
      type?: TransactionType;
      actor?: string;
      since?: string;
      until?: string;
      cursor?: string;
      limit?: number;
    },
    TransactionPage,
  ];
  'admin.endpoints': [
    { tenantId?: string; status?: EndpointStatus; cursor?: string; limit?: number },
    Page<Endpoint>,
  ];
  'admin.workloads': [
    { tenantId?: string; status?: WorkloadStatus; reconciled?: boolean; cursor?: string; limit?: number },
    Page<Workload>,
  ];
  'admin.audit': [
    { tenantId?: string; actor?: string; since?: string; until?: string; cursor?: string; limit?: number },
    Page<AuditEntry>,
  ];
  'mutations.preview': [MutationRequest, Preview];
  'mutations.commit': [{ ticketId: string }, CommitResult];
  'journal.list': [{ limit?: number; before?: string }, { entries: JournalEntry[]; next: string | null }];
  'journal.export': [Record<string, never>, ExportResult];
  'settings.get': [Record<string, never>, Settings];
  'settings.update': [Partial<Settings>, Settings];
};

export type TransactionQuery = {
  tenantId: string;
  type?: TransactionType;
  since?: string;
  until?: string;
  q?: string;
};

export type CallName = keyof Calls;
