import type { OperatorApi } from '../../../shared/ipc/facade';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the web host's bridge script (browser). */
    readonly operator?: OperatorApi;
  }
}

/** The bridge, or a clear failure when the page was opened outside the app. */
export function operator(): OperatorApi {
  if (!window.operator)
    throw new Error('The operator bridge is missing: open this page through the app or the web host.');
  return window.operator;
}
