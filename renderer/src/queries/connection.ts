import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call, onBridgeEvent } from '../bridge/client';
import type { ConnectionStatus } from '../bridge/types';

export const connectionKey = ['connection', 'status'] as const;

export function useConnection() {
  const qc = useQueryClient();
  useEffect(
    () =>
      onBridgeEvent('connection.changed', (status) => {
        qc.setQueryData(connectionKey, status as ConnectionStatus);
      }),
    [qc],
  );
  const query = useQuery({
    queryKey: connectionKey,
    queryFn: () => call('connection.status', {}),
    staleTime: 30_000,
  });
  const state = query.data?.state;
  // An unreachable backend is re-checked every few seconds, so the app heals
  // by itself when the network or the backend comes back.
  useEffect(() => {
    if (state !== 'unreachable' && state !== 'checking' && state !== 'error') return;
    const timer = setInterval(() => {
      call('connection.check', {})
        .then((status) => {
          qc.setQueryData(connectionKey, status);
          if (status.state === 'connected')
            void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'connection' });
        })
        .catch(() => {});
    }, RECHECK_MS);
    return () => clearInterval(timer);
  }, [state, qc]);
  return query;
}

export const RECHECK_MS = 4000;

export function useProfiles() {
  return useQuery({
    queryKey: ['connection', 'profiles'],
    queryFn: () => call('connection.listProfiles', {}),
  });
}

export function useAppVersion() {
  return useQuery({
    queryKey: ['app', 'version'],
    queryFn: () => call('app.version', {}),
    staleTime: Infinity,
  });
}

export type WriteGate = { allowed: true; reason: null } | { allowed: false; reason: string };

/**
 * Whether write controls are enabled, and if not, why in the operator's words.
 * Role first: a support token can never write, whatever else is true.
 */
export function writeGate(status: ConnectionStatus | undefined): WriteGate {
  if (!status) return { allowed: false, reason: 'Checking the connection…' };
  if (status.me && status.me.actor.role !== 'admin') {
    return { allowed: false, reason: `Read-only: your token has the ${status.me.actor.role} role.` };
  }
  if (status.canWrite) return { allowed: true, reason: null };
  if (status.writeBlockedReason) return { allowed: false, reason: status.writeBlockedReason };
  if (status.environmentMismatch && !status.acknowledged) {
    return {
      allowed: false,
      reason: `Writes blocked: this profile expects ${status.environmentMismatch.expected} but the backend is ${status.environmentMismatch.actual}. Acknowledge it in Settings.`,
    };
  }
  switch (status.state) {
    case 'no_profile':
      return { allowed: false, reason: 'No connection profile is active. Choose one in Settings.' };
    case 'no_token':
      return { allowed: false, reason: 'No API token for this profile. Enter one in Settings.' };
    case 'unauthorized':
      return { allowed: false, reason: 'The backend rejected the token. Enter a new one in Settings.' };
    case 'unreachable':
      return { allowed: false, reason: 'The backend is unreachable; writes are disabled until it is back.' };
    case 'checking':
      return { allowed: false, reason: 'Checking the connection…' };
    default:
      return { allowed: false, reason: 'Writes are disabled for this connection.' };
  }
}

export function useWriteGate(): WriteGate {
  const { data } = useConnection();
  return writeGate(data);
}

export function useIsAdmin(): boolean {
  const { data } = useConnection();
  return data?.me?.actor.role === 'admin';
}
