/**
 * The names of every bridge operation and event, with no schema attached.
 * The sandboxed preload can only require('electron'), so it imports this list
 * rather than the zod-based contract; contract.ts is type-checked against it,
 * so a name cannot be added to one and forgotten in the other.
 */
export const CHANNEL_NAMES = [
  'app.version',
  'connection.listProfiles',
  'connection.saveProfile',
  'connection.deleteProfile',
  'connection.setToken',
  'connection.clearToken',
  'connection.activate',
  'connection.status',
  'connection.check',
  'connection.acknowledgeEnvironment',
  'tenants.list',
  'tenants.get',
  'plans.list',
  'wallet.transactions',
  'wallet.exportCsv',
  'workloads.list',
  'workloads.get',
  'endpoints.list',
  'endpoints.get',
  'admin.transactions',
  'admin.endpoints',
  'admin.workloads',
  'admin.audit',
  'mutations.preview',
  'mutations.commit',
  'journal.list',
  'journal.export',
  'settings.get',
  'settings.update',
  'updates.status',
  'updates.check',
  'updates.download',
  'updates.install',
  'cache.status',
  'cache.list',
  'cache.pin',
  'cache.cancel',
  'cache.refresh',
  'cache.purge',
  'cache.purgeAll',
  'cache.settings',
  'offline.status',
  'offline.set',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Events main pushes to the renderer. The prefix keeps them apart from invoke channels. */
export const EVENT_NAMES = [
  'connection.changed',
  'mutations.progress',
  'updates.changed',
  'offline.changed',
  'cache.progress',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];
export const EVENT_CHANNEL_PREFIX = 'operator:event:';
