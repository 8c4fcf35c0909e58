import type { EnvironmentKind, Me } from '../../../shared/api';
import type { ConnectionStatus, ProfileView } from '../../../shared/ipc/contract';
import type { OperatorError } from '../../../shared/ipc/envelope';
import type { ApiClient } from '../api/api-client';
import { OperatorFailure, toOperatorError } from '../errors/normalize';
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../logging/logger';
import type { Clock } from '../platform/clock';
import type { Profile, ProfileRepository } from '../profiles/profile-repository';
import type { Vault } from '../vault/vault';

type State = ConnectionStatus['state'];

type Snapshot = {
  profileId: string | null;
  state: State;
  me: Me | null;
  checkedAt: string | null;
  error: OperatorError | null;
};

/**
 * Who we are talking to, and whether writes are allowed. A write needs: a
 * connected profile, an admin token, and a backend whose environment kind is
 * the one the profile expects, unless the operator has acknowledged the
 * difference for this session (the "staging profile pointed at production"
 * accident is stopped here, in main, not by a renderer banner).
 */
export class ConnectionService {
  private snapshot: Snapshot = {
    profileId: null,
    state: 'no_profile',
    me: null,
    checkedAt: null,
    error: null,
  };
  /** profileId → the actual environment kind the operator accepted this session. */
  private readonly acknowledged = new Map<string, EnvironmentKind>();
  private generation = 0;
  /** Set by the offline layer: while offline every write is refused, whatever the last check said. */
  private writeBlock: string | null = null;

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly vault: Vault,
    private readonly clientFor: (profile: Profile) => ApiClient,
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  view(profile: Profile): ProfileView {
    const token = this.vault.state(profile.id);
    return { ...profile, hasToken: token.hasToken, tokenPersisted: token.persisted };
  }

  activeProfile(): Profile | null {
    const id = this.profiles.activeId();
    return id === null ? null : this.profiles.get(id);
  }

  status(): ConnectionStatus {
    const profile = this.activeProfile();
    if (!profile) return this.describe(null, { ...this.snapshot, state: 'no_profile', me: null });
    if (this.snapshot.profileId !== profile.id) {
      // Never checked since this profile became active.
      const state: State = this.vault.state(profile.id).hasToken ? 'checking' : 'no_token';
      return this.describe(profile, { profileId: profile.id, state, me: null, checkedAt: null, error: null });
    }
    if (!this.vault.state(profile.id).hasToken) {
      return this.describe(profile, { ...this.snapshot, state: 'no_token', me: null });
    }
    return this.describe(profile, this.snapshot);
  }

  async activate(profileId: string): Promise<ConnectionStatus> {
    this.profiles.setActive(profileId);
    return this.check();
  }

  /** Re-runs GET /v1/me for the active profile and tells the renderer what changed. */
  async check(): Promise<ConnectionStatus> {
    const profile = this.activeProfile();
    const generation = ++this.generation;
    if (!profile) {
      this.snapshot = { profileId: null, state: 'no_profile', me: null, checkedAt: null, error: null };
      return this.publish();
    }
    if (!this.vault.state(profile.id).hasToken) {
      this.snapshot = { profileId: profile.id, state: 'no_token', me: null, checkedAt: null, error: null };
      return this.publish();
    }
    this.snapshot = { profileId: profile.id, state: 'checking', me: null, checkedAt: null, error: null };
    this.publish();
    let next: Snapshot;
    try {
      const { data } = await this.clientFor(profile).get('getMe');
      next = { profileId: profile.id, state: 'connected', me: data, checkedAt: this.nowIso(), error: null };
      const known = this.acknowledged.get(profile.id);
      if (known !== undefined && known !== data.environment.kind) this.acknowledged.delete(profile.id);
    } catch (error) {
      const detail = toOperatorError(error);
      next = {
        profileId: profile.id,
        state: stateFor(detail),
        me: null,
        checkedAt: this.nowIso(),
        error: detail,
      };
      this.logger.warn('connection check failed', {
        profile: profile.id,
        code: detail.code,
        status: detail.status,
      });
    }
    // A newer check (or activation) started meanwhile: its answer wins.
    if (generation === this.generation) this.snapshot = next;
    return this.publish();
  }

  acknowledgeEnvironment(profileId: string): ConnectionStatus {
    const status = this.status();
    if (status.profile?.id !== profileId || !status.environmentMismatch) {
      throw new OperatorFailure({
        code: 'nothing_to_acknowledge',
        message: 'There is no environment difference to acknowledge for this profile.',
        retryable: false,
      });
    }
    this.acknowledged.set(profileId, status.environmentMismatch.actual);
    this.logger.warn('environment mismatch acknowledged', {
      profile: profileId,
      expected: status.environmentMismatch.expected,
      actual: status.environmentMismatch.actual,
    });
    return this.publish();
  }

  /** Forget everything about a profile (deleted, or its token changed). */
  forget(profileId: string): void {
    this.acknowledged.delete(profileId);
    if (this.snapshot.profileId === profileId) {
      this.snapshot = { profileId: null, state: 'no_profile', me: null, checkedAt: null, error: null };
    }
  }

  /** Blocks (reason) or unblocks (null) every write, and tells the renderer. */
  setWriteBlock(reason: string | null): void {
    if (reason === this.writeBlock) return;
    this.writeBlock = reason;
    this.publish();
  }

  /** Throws `writes_blocked` unless the active connection may write; returns it otherwise. */
  requireWritable(): { profile: Profile; me: Me; status: ConnectionStatus } {
    const status = this.status();
    if (!status.canWrite || !status.me || !status.profile) {
      throw new OperatorFailure({
        code: 'writes_blocked',
        message: status.writeBlockedReason ?? 'Changes are blocked for this connection.',
        retryable: false,
      });
    }
    const profile = this.profiles.require(status.profile.id);
    return { profile, me: status.me, status };
  }

  publish(): ConnectionStatus {
    const status = this.status();
    this.events.emit('connection.changed', status);
    return status;
  }

  private describe(profile: Profile | null, snapshot: Snapshot): ConnectionStatus {
    const me = snapshot.state === 'connected' ? snapshot.me : null;
    const mismatch =
      profile && me && me.environment.kind !== profile.expectedKind
        ? { expected: profile.expectedKind, actual: me.environment.kind }
        : null;
    const acknowledged =
      mismatch !== null && profile !== null && this.acknowledged.get(profile.id) === mismatch.actual;
    const reason = this.writeBlock ?? blockedReason(snapshot.state, me, mismatch, acknowledged);
    return {
      profile: profile ? this.view(profile) : null,
      state: snapshot.state,
      me,
      environmentMismatch: mismatch,
      acknowledged,
      canWrite: reason === null,
      writeBlockedReason: reason,
      checkedAt: snapshot.checkedAt,
      error: snapshot.error,
      vaultWarning: profile && !this.vault.state(profile.id).persisted ? this.vault.warning() : null,
    };
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function stateFor(error: OperatorError): State {
  if (error.code === 'unauthenticated' || error.status === 401) return 'unauthorized';
  if (error.code === 'no_token') return 'no_token';
  if (error.code === 'unreachable' || error.code === 'timeout') return 'unreachable';
  return 'error';
}

function blockedReason(
  state: State,
  me: Me | null,
  mismatch: { expected: EnvironmentKind; actual: EnvironmentKind } | null,
  acknowledged: boolean,
): string | null {
  switch (state) {
    case 'no_profile':
      return 'No connection profile is active. Choose one in Settings → Connection.';
    case 'no_token':
      return 'This profile has no API token. Add one in Settings → Connection.';
    case 'checking':
      return 'Checking the connection…';
    case 'unauthorized':
      return 'The backend rejected this profile’s token. Replace it in Settings → Connection.';
    case 'unreachable':
      return 'The backend cannot be reached, so nothing can be changed. Reads will resume when it is back.';
    case 'error':
      return 'The connection check failed; see the connection status for details.';
    case 'connected':
      break;
  }
  if (!me) return 'Checking the connection…';
  if (me.actor.role !== 'admin') {
    return 'Your token has the support role: you can see everything but change nothing. Changes need an admin token.';
  }
  if (mismatch && !acknowledged) {
    return `This profile expects a ${mismatch.expected} backend, but the backend says it is ${mismatch.actual} ("${me.environment.name}"). Acknowledge the difference before making changes.`;
  }
  return null;
}
