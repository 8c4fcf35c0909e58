/**
 * The names of every bridge operation and event, with no schema attached.
 * The sandboxed preload can only require('electron'), so it imports this list
 * rather than the zod-based contract; contract.ts is type-checked against it,
 * so a name cannot be added to one and forgotten in the other.
 */
export const CHANNEL_NAMES = ['app.version'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [] as const;
export type EventName = (typeof EVENT_NAMES)[number];
