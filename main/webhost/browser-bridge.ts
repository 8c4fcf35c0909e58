import type { Envelope } from '../../shared/ipc/envelope';
import { createFacade } from '../../shared/ipc/facade';

// Browser code (type-checked by tsconfig.web.json). Runs in an ordinary browser tab opened on the loopback web host. It gives
// the built renderer the same window.operator the Electron preload gives it,
// carried over same-origin fetch instead of IPC. The session cookie set by the
// host authenticates every call; this script holds no secret.
const api = createFacade(async (channel, args) => {
  const response = await fetch(`/__bridge/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    return {
      ok: false,
      error: {
        code: 'bridge_unavailable',
        message: `The web host refused the call (HTTP ${response.status}).`,
        retryable: true,
      },
    };
  }
  return (await response.json()) as Envelope<unknown>;
});

Object.defineProperty(window, 'operator', {
  value: Object.freeze(api),
  writable: false,
  configurable: false,
});
