import { join } from 'node:path';
import type { ConnectionStatus } from '../../shared/ipc/contract';
import { ApiClient, type FetchLike } from './api/api-client';
import { type AppInfo, createAppHandlers } from './bridge/app-handlers';
import { createConnectionHandlers } from './bridge/connection-handlers';
import { createExportHandlers } from './bridge/export-handlers';
import { createReadHandlers } from './bridge/read-handlers';
import { ConnectionService } from './connection/connection-service';
import { OperatorFailure } from './errors/normalize';
import { EventHub } from './events/event-hub';
import type { SaveDialog } from './export/save-dialog';
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher';
import { Journal } from './journal/journal';
import { createLogger, type Logger } from './logging/logger';
import { Redactor } from './logging/redactor';
import { MutationService } from './mutations/mutation-service';
import { TicketBook } from './mutations/ticket-book';
import { createOfflineLayer, type OfflineChannel, type OfflineDeps } from './offline/offline-layer';
import { type Clock, realSleep, type Sleep, systemClock } from './platform/clock';
import type { KeyValueStore } from './platform/key-value-store';
import { type Profile, ProfileRepository } from './profiles/profile-repository';
import { checkStoreHealth } from './profiles/store-health';
import { SettingsService } from './settings/settings-service';
import type { SecretSealer } from './vault/secret-sealer';
import { Vault } from './vault/vault';

export type CoreDeps = {
  appInfo: AppInfo;
  /** Profiles, sealed tokens and settings (electron-store in Electron, a JSON file in the web host). */
  store: KeyValueStore;
  /** Set when the store file could not be read at all and was moved aside. */
  storeBackup?: string | null;
  sealer: SecretSealer;
  /** Non-null: never persist tokens, for this reason (the web host). */
  sessionOnlyReason?: string | null;
  /** Where the per-profile journals go. */
  dataDir: string;
  saveDialog: SaveDialog;
  localSandboxUrl: string;
  /** Tokens to hold for this session from the start (web host: MM_WEBHOST_TOKEN for the Local sandbox). */
  presetTokens?: Record<string, string>;
  logSink?: (line: string) => void;
  clock?: Clock;
  sleep?: Sleep;
  fetch?: FetchLike;
  /** The offline cache (issue 6); absent = reads always live, cache.* answers "off". */
  offline?: OfflineDeps;
  /** Channels owned outside the core (updates.*, cache.*), so every entry point registers all of them. */
  extraHandlers: ExtraHandlers;
};

export type Core = {
  dispatch: Dispatch;
  handlers: Handlers;
  events: EventHub;
  redactor: Redactor;
  logger: Logger;
  /** Resolves commits of unknown outcome, then checks the active connection. */
  start(): Promise<void>;
};

/**
 * Builds the whole trusted core from its adapters. The Electron entry and the
 * web host both call this, so the browser in end-to-end tests talks to the
 * same core the desktop app ships.
 */
export function composeCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? realSleep;
  const redactor = new Redactor();
  const logger = createLogger(deps.logSink ?? (() => {}), redactor, clock);
  const events = new EventHub();

  let notice = checkStoreHealth(deps.store, deps.storeBackup ?? null);
  if (notice) logger.warn('settings store reset', {});

  const profiles = new ProfileRepository(deps.store, deps.localSandboxUrl);
  const vault = new Vault(deps.store, deps.sealer, redactor, deps.sessionOnlyReason ?? null);
  const settings = new SettingsService(deps.store);
  for (const [profileId, token] of Object.entries(deps.presetTokens ?? {})) {
    if (profiles.get(profileId) && !vault.state(profileId).hasToken) vault.set(profileId, token);
  }

  const clients = new Map<string, ApiClient>();
  const clientFor = (profile: Profile): ApiClient => {
    const key = `${profile.id}\n${profile.baseUrl}`;
    let client = clients.get(key);
    if (!client) {
      client = new ApiClient({
        baseUrl: profile.baseUrl,
        token: () => vault.reveal(profile.id),
        timeoutMs: () => settings.get().requestTimeoutMs,
        clock,
        sleep,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        onAttempt: ({ method, route, status, ms }) => {
          offline.observeAttempt(status);
          if (method !== 'GET' || status === null || status >= 400) {
            logger.info('backend request', { profile: profile.id, method, route, status, ms });
          }
        },
      });
      clients.set(key, client);
    }
    return client;
  };

  const connection = new ConnectionService(profiles, vault, clientFor, events, clock, logger);
  const offline = createOfflineLayer({
    offline: deps.offline ?? null,
    activeProfile: () => connection.activeProfile(),
    clientFor,
    setWriteBlock: (reason) => connection.setWriteBlock(reason),
    recheck: () => checkActive(),
    events,
    saveDialog: deps.saveDialog,
    clock,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    log: (message, fields) => logger.info(message, fields),
  });
  const activeProfile = (): Profile => {
    const profile = connection.activeProfile();
    if (!profile) {
      throw new OperatorFailure({
        code: 'no_profile',
        message: 'No connection profile is active. Choose one in Settings → Connection.',
        retryable: false,
      });
    }
    return profile;
  };
  const activeClient = () => clientFor(activeProfile());
  const journal = new Journal(join(deps.dataDir, 'journal'), clock, redactor);
  const mutations = new MutationService({
    profiles,
    connection,
    clientFor,
    tickets: new TicketBook(clock),
    journal,
    events,
    clock,
    sleep,
    logger,
  });

  const resolvePending = async (profile: Profile) => {
    try {
      const resolved = await mutations.resolvePending(profile);
      if (resolved > 0) logger.info('resolved commits of unknown outcome', { profile: profile.id, resolved });
    } catch {
      logger.warn('could not resolve pending commits yet', { profile: profile.id });
    }
  };

  const checkActive = async () => {
    const status = await connection.check();
    const profile = connection.activeProfile();
    if (status.state === 'connected' && profile) await resolvePending(profile);
    return status;
  };

  const core = {
    ...coreHandlers({
      appInfo: deps.appInfo,
      profiles,
      vault,
      connection,
      checkActive,
      takeNotice: () => {
        const text = notice;
        notice = null;
        return text;
      },
      activeClient,
      activeProfile,
      journal,
      saveDialog: deps.saveDialog,
      clock,
      mutations,
      settings,
      onProfileDeleted: (profileId: string) => offline.profileDeleted(profileId),
    }),
    ...offline.handlers,
    ...deps.extraHandlers,
  };
  // Reads fall back to the offline cache (and feed it); writes are blocked through the connection status.
  const handlers: Handlers = { ...core, ...offline.decorate(core) };

  const dispatch = createDispatcher(handlers, (channel, error, thrown) =>
    logger.warn('bridge call failed', {
      channel,
      code: error.code,
      status: error.status,
      // A bug's own message goes to the log only (redacted there), never to the renderer.
      ...(error.code === 'internal_error' && thrown instanceof Error
        ? { bug: `${thrown.name}: ${thrown.message}`.slice(0, 500) }
        : {}),
    }),
  );

  return {
    dispatch,
    handlers,
    events,
    redactor,
    logger,
    async start() {
      // Commits of unknown outcome first, for every profile whose token we hold.
      for (const profile of profiles.list()) {
        if (vault.state(profile.id).hasToken) await resolvePending(profile);
      }
      await checkActive();
      offline.start();
    },
  };
}

type CoreParts = {
  appInfo: AppInfo;
  profiles: ProfileRepository;
  vault: Vault;
  connection: ConnectionService;
  checkActive: () => Promise<ConnectionStatus>;
  takeNotice: () => string | null;
  activeClient: () => ApiClient;
  activeProfile: () => Profile;
  journal: Journal;
  saveDialog: SaveDialog;
  clock: Clock;
  mutations: MutationService;
  settings: SettingsService;
  onProfileDeleted: (profileId: string) => void;
};

/** Every channel the core itself answers; other owners (updates, cache) pass theirs as extraHandlers. */
function coreHandlers(p: CoreParts) {
  return {
    ...createAppHandlers(p.appInfo),
    ...createConnectionHandlers({
      profiles: p.profiles,
      vault: p.vault,
      connection: p.connection,
      checkActive: p.checkActive,
      takeNotice: p.takeNotice,
      onProfileDeleted: p.onProfileDeleted,
    }),
    ...createReadHandlers(p.activeClient),
    ...createExportHandlers({
      client: p.activeClient,
      activeProfile: p.activeProfile,
      journal: p.journal,
      saveDialog: p.saveDialog,
      clock: p.clock,
    }),
    'mutations.preview': async (args) => p.mutations.preview(args),
    'mutations.commit': async (args) => p.mutations.commit(args),
    'journal.list': async ({ limit, before }) => p.journal.list(p.activeProfile().id, limit ?? 100, before),
    'settings.get': async () => p.settings.get(),
    'settings.update': async (change) => {
      const { confirmThreshold, requestTimeoutMs, updateChecks } = change;
      return p.settings.update({
        ...(confirmThreshold !== undefined ? { confirmThreshold } : {}),
        ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
        ...(updateChecks !== undefined ? { updateChecks } : {}),
      });
    },
  } satisfies Partial<Handlers>;
}

export type CoreChannel = keyof ReturnType<typeof coreHandlers>;
/** Handlers for channels the core does not own (e.g. updates.*); `{}` while there are none. */
export type ExtraHandlers = Omit<Handlers, CoreChannel | OfflineChannel>;
