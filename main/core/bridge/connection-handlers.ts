import type { ConnectionService } from '../connection/connection-service';
import { OperatorFailure } from '../errors/normalize';
import type { Handlers } from '../ipc/dispatcher';
import type { ProfileRepository } from '../profiles/profile-repository';
import type { Vault } from '../vault/vault';

type ConnectionChannels =
  | 'connection.listProfiles'
  | 'connection.saveProfile'
  | 'connection.deleteProfile'
  | 'connection.setToken'
  | 'connection.clearToken'
  | 'connection.activate'
  | 'connection.status'
  | 'connection.check'
  | 'connection.acknowledgeEnvironment';

export type ConnectionHandlerDeps = {
  profiles: ProfileRepository;
  vault: Vault;
  connection: ConnectionService;
  /** Runs a connection check, then resolves journalled commits of unknown outcome. */
  checkActive: () => Promise<ReturnType<ConnectionService['status']>>;
  /** A one-time notice about a damaged settings file that was reset. */
  takeNotice: () => string | null;
  /** Removes everything kept for a deleted profile (journal stays: it is an audit record). */
  onProfileDeleted?: (profileId: string) => void;
};

/** Profiles, tokens and the connection check. No handler ever returns a token. */
export function createConnectionHandlers(deps: ConnectionHandlerDeps): Pick<Handlers, ConnectionChannels> {
  const { profiles, vault, connection } = deps;
  return {
    'connection.listProfiles': async () => ({
      profiles: profiles.list().map((p) => connection.view(p)),
      activeProfileId: profiles.activeId(),
      notice: deps.takeNotice(),
    }),
    'connection.saveProfile': async (args) => {
      const { id, ...rest } = args;
      const saved = profiles.save(id === undefined ? rest : { ...rest, id });
      if (profiles.activeId() === saved.id) {
        // The address or expected kind may have changed: what we knew no longer holds.
        connection.forget(saved.id);
        void deps.checkActive();
      }
      return connection.view(saved);
    },
    'connection.deleteProfile': async ({ profileId }) => {
      const wasActive = profiles.activeId() === profileId;
      profiles.delete(profileId);
      vault.clear(profileId);
      connection.forget(profileId);
      deps.onProfileDeleted?.(profileId);
      if (wasActive) void deps.checkActive();
      return {};
    },
    'connection.setToken': async ({ profileId, token }) => {
      profiles.require(profileId);
      const trimmed = token.trim();
      if (trimmed === '' || /\s/.test(trimmed)) {
        throw new OperatorFailure({
          code: 'invalid_arguments',
          message: 'A token is one word with no spaces.',
          fields: [{ field: 'token', message: 'must be one word with no spaces' }],
          retryable: false,
        });
      }
      const result = vault.set(profileId, trimmed);
      connection.forget(profileId);
      if (profiles.activeId() === profileId) void deps.checkActive();
      return { hasToken: true as const, persisted: result.persisted, warning: result.warning };
    },
    'connection.clearToken': async ({ profileId }) => {
      profiles.require(profileId);
      vault.clear(profileId);
      connection.forget(profileId);
      if (profiles.activeId() === profileId) connection.publish();
      return {};
    },
    'connection.activate': async ({ profileId }) => {
      profiles.setActive(profileId);
      return deps.checkActive();
    },
    'connection.status': async () => connection.status(),
    'connection.check': async () => deps.checkActive(),
    'connection.acknowledgeEnvironment': async ({ profileId }) =>
      connection.acknowledgeEnvironment(profileId),
  };
}
