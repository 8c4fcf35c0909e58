import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ChannelResponse, EventPayload } from '../../../shared/ipc/contract';
import { call, onBridgeEvent } from '../bridge/client';

export type OfflineView = ChannelResponse<'offline.status'>;
export type CacheList = ChannelResponse<'cache.list'>;
export type CacheEntry = CacheList['tenants'][number];
export type PinProgress = EventPayload<'cache.progress'>;
export type Dataset = keyof CacheEntry['asOf'];

export const offlineKey = ['offline', 'view'] as const;
export const cacheListKey = ['cache', 'list'] as const;
export const cacheStatusKey = ['cache', 'status'] as const;

/** Server state that is about the cache itself, not about what it holds: never refetched on a mode switch. */
const ownKeys = new Set(['offline', 'cache', 'connection']);

/**
 * Online/offline as main sees it. Every switch refetches what is on screen,
 * so views move between live and cached (stamped) data at once.
 */
export function useOfflineView() {
  const qc = useQueryClient();
  useEffect(
    () =>
      onBridgeEvent('offline.changed', (payload) => {
        const next = payload as OfflineView;
        const before = qc.getQueryData<OfflineView>(offlineKey);
        qc.setQueryData(offlineKey, next);
        void qc.invalidateQueries({ queryKey: cacheListKey });
        if (before && before.mode !== next.mode) {
          void qc.invalidateQueries({ predicate: (q) => !ownKeys.has(String(q.queryKey[0])) });
        }
      }),
    [qc],
  );
  return useQuery({ queryKey: offlineKey, queryFn: () => call('offline.status', {}), staleTime: 60_000 });
}

export function useIsOffline(): boolean {
  return useOfflineView().data?.mode === 'offline';
}

export function useCacheList() {
  return useQuery({ queryKey: cacheListKey, queryFn: () => call('cache.list', {}), staleTime: 10_000 });
}

export function useCacheStatus() {
  return useQuery({ queryKey: cacheStatusKey, queryFn: () => call('cache.status', {}) });
}

export function useCacheEntry(tenantId: string | null): CacheEntry | null {
  const list = useCacheList();
  return list.data?.tenants.find((e) => e.tenantId === tenantId) ?? null;
}

type PinState = {
  /** Pins running in this window, by tenant: null until the first progress event. */
  running: Record<string, PinProgress | null>;
  set: (tenantId: string, progress: PinProgress | null) => void;
  done: (tenantId: string) => void;
};

export const usePins = create<PinState>()((set) => ({
  running: {},
  set: (tenantId, progress) => set((s) => ({ running: { ...s.running, [tenantId]: progress } })),
  done: (tenantId) =>
    set((s) => {
      const { [tenantId]: _, ...rest } = s.running;
      return { running: rest };
    }),
}));

/** Feeds pin progress events into usePins (mounted once, in the shell). */
export function usePinProgressEvents() {
  useEffect(
    () =>
      onBridgeEvent('cache.progress', (payload) => {
        const progress = payload as PinProgress;
        if (progress.tenantId in usePins.getState().running)
          usePins.getState().set(progress.tenantId, progress);
      }),
    [],
  );
}
