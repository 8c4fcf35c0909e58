import { z } from 'zod';
import {
  AuditPage,
  Effects,
  Endpoint,
  EndpointPage,
  EndpointStatus,
  EnvironmentKind,
  Me,
  PlanList,
  Tenant,
  TenantPage,
  TenantStatus,
  TransactionPage,
  TransactionType,
  Wallet,
  Workload,
  WorkloadPage,
  WorkloadStatus,
} from '../api/schemas';
import { CHANNEL_NAMES, type ChannelName, EVENT_NAMES, type EventName } from './channel-names';
import { operatorErrorSchema } from './envelope';

export type { ChannelName, EventName };

/**
 * Every operation the renderer may ask of main, and every event main may push
 * to it. This table is the only way across the bridge: there is deliberately
 * no generic "fetch this URL" channel. Channel names are `domain.operation`;
 * the preload facade exposes each as `window.operator.<domain>.<operation>()`.
 *
 * Requests are always one strict object (possibly empty) so that every
 * argument is named and validated as a unit before any handler runs; unknown
 * keys are refused rather than ignored. Bridge arguments are camelCase; wire
 * types from shared/api (snake_case, credits as decimal strings) pass through
 * unchanged in responses.
 */
const noArgs = z.strictObject({});

// ---------------------------------------------------------------- argument pieces

const id = z.string().min(1).max(128);
const cursor = z.string().min(1).max(1000);
const limit = z.number().int().min(1).max(500);
const instant = z.iso.datetime({ offset: true });
const search = z.string().max(200);
const credits = z.string().min(1).max(32);
const bool = z.enum(['true', 'false']);
const reconciled = z.union([z.boolean(), bool]);

// ---------------------------------------------------------------- connection

export const ProfileView = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  expectedKind: EnvironmentKind,
  color: z.string(),
  allowInsecureHttp: z.boolean(),
  builtIn: z.boolean(),
  hasToken: z.boolean(),
  tokenPersisted: z.boolean(),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const connectionStates = [
  'no_profile',
  'no_token',
  'checking',
  'connected',
  'unauthorized',
  'unreachable',
  'error',
] as const;

export const ConnectionStatus = z.object({
  profile: ProfileView.nullable(),
  state: z.enum(connectionStates),
  me: Me.nullable(),
  environmentMismatch: z.object({ expected: EnvironmentKind, actual: EnvironmentKind }).nullable(),
  acknowledged: z.boolean(),
  canWrite: z.boolean(),
  writeBlockedReason: z.string().nullable(),
  checkedAt: z.string().nullable(),
  error: operatorErrorSchema.nullable(),
  /** Why tokens of this profile are kept for this session only (no OS keyring), or null. */
  vaultWarning: z.string().nullable(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const SaveProfileArgs = z.strictObject({
  id: id.optional(),
  name: z.string().trim().min(1).max(80),
  baseUrl: z.string().min(1).max(2048),
  expectedKind: EnvironmentKind,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #3366ff'),
  allowInsecureHttp: z.boolean(),
});

// ---------------------------------------------------------------- mutations

/** Each mutation the console can make, with its camelCase payload. */
export const mutationPayloads = {
  'workload.create': z.strictObject({
    tenantId: id,
    sourceUrl: z.string().min(1).max(2048),
    name: z.string().max(200).optional(),
  }),
  'workload.cancel': z.strictObject({ workloadId: id }),
  'subscription.set': z.strictObject({
    tenantId: id,
    plan: z.string().min(1).max(100),
    monthlyCredits: credits,
    activate: z.boolean(),
    issueFirstMonth: z.boolean(),
  }),
  'wallet.adjust': z.strictObject({
    tenantId: id,
    kind: z.enum(['adjustment', 'top_up']),
    amount: credits,
    reason: z.string().max(500),
  }),
  'wallet.replenish': z.strictObject({
    tenantId: id,
    amount: z.union([credits, z.literal(''), z.null()]).optional(),
  }),
  'workload.reconcile': z.strictObject({ workloadId: id, actualCredits: credits }),
  'metering.tick': z.strictObject({}),
} as const;
export type MutationOperation = keyof typeof mutationPayloads;
export const mutationOperations = Object.keys(mutationPayloads) as MutationOperation[];
export type MutationPayload<O extends MutationOperation> = z.output<(typeof mutationPayloads)[O]>;

const previewArgs = z.discriminatedUnion('operation', [
  z.strictObject({ operation: z.literal('workload.create'), payload: mutationPayloads['workload.create'] }),
  z.strictObject({ operation: z.literal('workload.cancel'), payload: mutationPayloads['workload.cancel'] }),
  z.strictObject({ operation: z.literal('subscription.set'), payload: mutationPayloads['subscription.set'] }),
  z.strictObject({ operation: z.literal('wallet.adjust'), payload: mutationPayloads['wallet.adjust'] }),
  z.strictObject({ operation: z.literal('wallet.replenish'), payload: mutationPayloads['wallet.replenish'] }),
  z.strictObject({
    operation: z.literal('workload.reconcile'),
    payload: mutationPayloads['workload.reconcile'],
  }),
  z.strictObject({ operation: z.literal('metering.tick'), payload: mutationPayloads['metering.tick'] }),
]);
export type PreviewArgs = z.output<typeof previewArgs>;

export const Preview = z.object({
  ticketId: z.string(),
  expiresAt: z.string(),
  operation: z.enum(mutationOperations as [MutationOperation, ...MutationOperation[]]),
  /** The payload exactly as it will be sent on commit (normalised by main). */
  payload: z.record(z.string(), z.unknown()),
  tenantId: z.string().nullable(),
  environment: z.object({ name: z.string(), kind: EnvironmentKind }),
  profileId: z.string(),
  profileName: z.string(),
  effects: Effects,
  walletVersion: z.number().int().nullable(),
});
export type Preview = z.infer<typeof Preview>;

export const CommitResult = z.object({
  outcome: z.literal('committed'),
  operation: z.enum(mutationOperations as [MutationOperation, ...MutationOperation[]]),
  tenantId: z.string().nullable(),
  transactionIds: z.array(z.string()),
  /** True when the backend answered from its idempotency record (an earlier attempt had landed). */
  replayed: z.boolean(),
  /** How many requests it took (1 unless a timeout or dropped connection forced a safe retry). */
  attempts: z.number().int().min(1),
  result: z.unknown(),
  journalId: z.string(),
});
export type CommitResult = z.infer<typeof CommitResult>;

/** Error.current on `changed_since_preview`. */
export const ChangedSincePreview = z.object({ wallet: Wallet.nullable() });

// ---------------------------------------------------------------- journal, settings, export

export const JournalEntry = z.object({
  id: z.string(),
  at: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  operator: z.string(),
  operation: z.string(),
  tenantId: z.string().nullable(),
  amount: z.string().nullable(),
  idempotencyKey: z.string(),
  phase: z.enum(['attempt', 'result']),
  outcome: z.enum(['pending', 'committed', 'failed', 'unknown']),
  error: operatorErrorSchema.nullable(),
  transactionIds: z.array(z.string()),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export const Settings = z.object({
  /** Credits; amounts above it need the tenant id typed to confirm. */
  confirmThreshold: z.string(),
  requestTimeoutMs: z.number().int(),
  updateChecks: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsUpdate = z.strictObject({
  confirmThreshold: credits.optional(),
  requestTimeoutMs: z.number().int().min(1000).max(120_000).optional(),
  updateChecks: z.boolean().optional(),
});

export const SaveResult = z.object({
  saved: z.boolean(),
  path: z.string().nullable(),
  rows: z.number().int(),
});

const transactionFilter = {
  type: TransactionType.optional(),
  since: instant.optional(),
  until: instant.optional(),
  /** Search: the backend's `q` (reason substring or exact transaction id). */
  q: search.optional(),
  /** Only transactions with seq greater than this (incremental refresh). */
  afterSeq: z.number().int().min(0).optional(),
};

// ---------------------------------------------------------------- updates (main/core/updates)

/** Where the update flow stands; the renderer asks for consent from this alone. */
export const UpdateStatus = z.object({
  state: z.enum([
    'disabled',
    'idle',
    'checking',
    'up-to-date',
    'available',
    'downloading',
    'downloaded',
    'installing',
    'error',
  ]),
  currentVersion: z.string(),
  disabledReason: z.string().nullable(),
  /** The offered update, with plain-text notes to show before any download. */
  available: z
    .object({ version: z.string(), releaseDate: z.string().nullable(), releaseNotes: z.string() })
    .nullable(),
  downloadPercent: z.number().min(0).max(100).nullable(),
  error: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

/** The operator's yes to the one version they were shown. */
const updateConsent = z.strictObject({ version: z.string().min(1).max(64) });

// ---------------------------------------------------------------- offline cache (main/core/cache, main/core/offline)

/** On an answer served from the offline cache: how old it is and whether it is the whole list. Absent when live. */
export const CacheStamp = z.object({ asOf: z.string(), complete: z.boolean() });
export type CacheStamp = z.infer<typeof CacheStamp>;
const stamped = <S extends z.ZodRawShape>(schema: z.ZodObject<S>) =>
  schema.extend({ cached: CacheStamp.optional() });

const cacheOffReason = z.enum(['disabled', 'no_keyring', 'encryption_unavailable']).nullable();

export const CacheStatusView = z.object({
  state: z.enum(['on', 'off']),
  reason: cacheOffReason,
  protection: z.enum(['os', 'weak', 'unavailable']),
  warning: z.string().nullable(),
  settings: z.object({
    enabled: z.boolean(),
    allowWeakKeyProtection: z.boolean(),
    expiryDays: z.number().int(),
  }),
});
export type CacheStatusView = z.infer<typeof CacheStatusView>;

export const CacheEntryView = z.object({
  tenantId: z.string(),
  name: z.string().nullable(),
  pinned: z.boolean(),
  pinnedAt: z.string().nullable(),
  lastRefreshAt: z.string().nullable(),
  sizeBytes: z.number().int(),
  transactions: z.number().int(),
  ledgerComplete: z.boolean(),
  /** Its file failed authentication and was set aside; refresh to fetch it again. */
  damaged: z.boolean(),
  /** When each kind of data was last read from the backend; null = not cached. */
  asOf: z.object({
    tenant: z.string().nullable(),
    transactions: z.string().nullable(),
    workloads: z.string().nullable(),
    endpoints: z.string().nullable(),
    audit: z.string().nullable(),
  }),
});
export type CacheEntryView = z.infer<typeof CacheEntryView>;

export const OfflineView = z.object({
  mode: z.enum(['online', 'offline']),
  reason: z.enum(['unreachable', 'manual']).nullable(),
  since: z.string(),
  /** Offline, but the backend answers again: offer to go online. */
  onlineAvailable: z.boolean(),
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  /** The latest time any cached data of this profile was read from the backend. */
  lastSyncAt: z.string().nullable(),
  cache: z.object({ state: z.enum(['on', 'off']), reason: cacheOffReason, warning: z.string().nullable() }),
});
export type OfflineView = z.infer<typeof OfflineView>;

export const PinResultView = z.object({
  tenantId: z.string(),
  transactionsFetched: z.number().int(),
  transactionsCached: z.number().int(),
  ledgerComplete: z.boolean(),
  auditSkipped: z.boolean(),
  sizeBytes: z.number().int(),
  pages: z.number().int(),
});
export type PinResultView = z.infer<typeof PinResultView>;

export const PinProgressView = z.object({
  profileId: z.string(),
  tenantId: z.string(),
  phase: z.enum(['tenant', 'transactions', 'workloads', 'endpoints', 'audit', 'saving', 'done']),
  transactionsCached: z.number().int(),
  transactionsTotal: z.number().int(),
  pages: z.number().int(),
});
export type PinProgressView = z.infer<typeof PinProgressView>;

const tenantArg = z.strictObject({ tenantId: id });

export type ChannelSpec = { request: z.ZodType; response: z.ZodType };

export const channels = {
  'app.version': {
    request: noArgs,
    response: z.object({ version: z.string(), platform: z.string(), runtime: z.enum(['electron', 'web']) }),
  },
  'connection.listProfiles': {
    request: noArgs,
    response: z.object({
      profiles: z.array(ProfileView),
      activeProfileId: z.string().nullable(),
      /** Set when the settings file was damaged and reset (where the copy went); shown once. */
      notice: z.string().nullable(),
    }),
  },
  'connection.saveProfile': { request: SaveProfileArgs, response: ProfileView },
  'connection.deleteProfile': { request: z.strictObject({ profileId: id }), response: z.object({}) },
  'connection.setToken': {
    request: z.strictObject({ profileId: id, token: z.string().min(1).max(4096) }),
    response: z.object({ hasToken: z.literal(true), persisted: z.boolean(), warning: z.string().nullable() }),
  },
  'connection.clearToken': { request: z.strictObject({ profileId: id }), response: z.object({}) },
  'connection.activate': { request: z.strictObject({ profileId: id }), response: ConnectionStatus },
  'connection.status': { request: noArgs, response: ConnectionStatus },
  'connection.check': { request: noArgs, response: ConnectionStatus },
  'connection.acknowledgeEnvironment': {
    request: z.strictObject({ profileId: id }),
    response: ConnectionStatus,
  },
  'tenants.list': {
    request: z.strictObject({
      q: search.optional(),
      status: TenantStatus.optional(),
      cursor: cursor.optional(),
      limit: limit.optional(),
    }),
    response: stamped(TenantPage),
  },
  'tenants.get': { request: z.strictObject({ tenantId: id }), response: stamped(Tenant) },
  'plans.list': { request: noArgs, response: PlanList },
  'wallet.transactions': {
    request: z.strictObject({
      tenantId: id,
      ...transactionFilter,
      cursor: cursor.optional(),
      limit: limit.optional(),
    }),
    response: stamped(TransactionPage),
  },
  'wallet.exportCsv': {
    request: z.strictObject({ tenantId: id, ...transactionFilter }),
    response: SaveResult,
  },
  'workloads.list': {
    request: z.strictObject({
      tenantId: id,
      status: WorkloadStatus.optional(),
      reconciled: reconciled.optional(),
      terminal: reconciled.optional(),
      q: search.optional(),
      cursor: cursor.optional(),
      limit: limit.optional(),
    }),
    response: stamped(WorkloadPage),
  },
  'workloads.get': { request: z.strictObject({ workloadId: id }), response: stamped(Workload) },
  'endpoints.list': {
    request: z.strictObject({
      tenantId: id,
      status: EndpointStatus.optional(),
      cursor: cursor.optional(),
      limit: limit.optional(),
    }),
    response: stamped(EndpointPage),
  },
  'endpoints.get': { request: z.strictObject({ endpointId: id }), response: stamped(Endpoint) },
  'admin.transactions': {
    request: z.strictObject({
      tenantId: id.optional(),
      type: TransactionType.optional(),
      q: search.optional(),
      actor: z.string().max(200).optional(),
      since: instant.optional(),
      until: instant.optional(),
      cursor: cursor.optional(),
      limit: limit.optional(),
    }),
    response: stamped(TransactionPage),
  },
  'admin.endpoints': {
    request: z.strictObject({
      tenantId: id.optional(),
      status: EndpointStatus.optional(),
      cursor: cursor.optional(),
      limit: limit.optional(),
    }),
    response: EndpointPage,
  },
  'admin.workloads': {
    request: z.strictObject({
      tenantId: id.optional(),
      status: WorkloadStatus.optional(),
      reconciled: reconciled.optional(),
      terminal: reconciled.optional(),
      q: search.optional(),
      cursor: cursor.optional(),
      limit: limit.optional(),
    }),
    response: WorkloadPage,
  },
  'admin.audit': {
    request: z.strictObject({
      tenantId: id.optional(),
      actor: z.string().max(200).optional(),
      action: z.string().max(200).optional(),
      since: instant.optional(),
      until: instant.optional(),
      cursor: cursor.optional(),
      limit: limit.optional(),
    }),
    response: stamped(AuditPage),
  },
  'mutations.preview': { request: previewArgs, response: Preview },
  'mutations.commit': {
    // operation and payload are optional belt and braces: when given they must
    // equal what was previewed, or the commit is refused as ticket_mismatch.
    request: z.strictObject({
      ticketId: z.string().min(1).max(200),
      operation: z.string().max(64).optional(),
      payload: z.record(z.string(), z.unknown()).optional(),
    }),
    response: CommitResult,
  },
  'journal.list': {
    request: z.strictObject({ limit: limit.optional(), before: z.string().min(1).max(200).optional() }),
    response: z.object({ entries: z.array(JournalEntry), next: z.string().nullable() }),
  },
  'journal.export': { request: noArgs, response: SaveResult },
  'settings.get': { request: noArgs, response: Settings },
  'settings.update': { request: SettingsUpdate, response: Settings },
  'updates.status': { request: noArgs, response: UpdateStatus },
  'updates.check': { request: noArgs, response: UpdateStatus },
  'updates.download': { request: updateConsent, response: UpdateStatus },
  'updates.install': { request: updateConsent, response: UpdateStatus },
  'cache.status': { request: noArgs, response: CacheStatusView },
  'cache.list': {
    request: noArgs,
    response: z.object({ tenants: z.array(CacheEntryView), totalBytes: z.number().int() }),
  },
  /** Resolves when the pin is complete; progress arrives as cache.progress events. */
  'cache.pin': { request: tenantArg, response: PinResultView },
  'cache.cancel': { request: tenantArg, response: z.object({ cancelled: z.boolean() }) },
  /** One pinned tenant, or every pinned tenant of the active profile. */
  'cache.refresh': {
    request: z.strictObject({ tenantId: id.optional() }),
    response: z.object({ results: z.array(PinResultView) }),
  },
  'cache.purge': { request: tenantArg, response: z.object({}) },
  'cache.purgeAll': { request: noArgs, response: z.object({}) },
  'cache.settings': {
    request: z.strictObject({
      enabled: z.boolean().optional(),
      allowWeakKeyProtection: z.boolean().optional(),
      expiryDays: z.number().int().min(1).max(365).optional(),
    }),
    response: CacheStatusView,
  },
  'offline.status': { request: noArgs, response: OfflineView },
  /** The "Work offline" switch; false = go online (also the answer to "the backend is back"). */
  'offline.set': { request: z.strictObject({ offline: z.boolean() }), response: OfflineView },
} as const satisfies { [C in ChannelName]: ChannelSpec };

export const MutationProgress = z.object({
  ticketId: z.string(),
  operation: z.string(),
  attempt: z.number().int().min(1),
  state: z.enum(['sending', 'retrying', 'resolved']),
  message: z.string(),
});
export type MutationProgress = z.infer<typeof MutationProgress>;

/** Events pushed from main to the renderer; callbacks receive the payload only. */
export const events = {
  'connection.changed': ConnectionStatus,
  /** A commit is being (re)sent; shown while an unknown outcome is resolved with the same key. */
  'mutations.progress': MutationProgress,
  'updates.changed': UpdateStatus,
  /** Online/offline changes, and the cache state behind the offline banner. */
  'offline.changed': OfflineView,
  'cache.progress': PinProgressView,
} as const satisfies { [E in EventName]: z.ZodType };

export type Channels = typeof channels;
export type ChannelRequest<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ChannelArgs<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ChannelResponse<C extends ChannelName> = z.output<Channels[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames: readonly ChannelName[] = CHANNEL_NAMES;
export const eventNames: readonly EventName[] = EVENT_NAMES;

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}
