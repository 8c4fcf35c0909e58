import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppHandlers } from '../core/bridge/app-handlers';
import { notImplementedHandlers } from '../core/bridge/not-implemented';
import { createDispatcher } from '../core/ipc/dispatcher';
import { bundleBridgeScript } from './bundle-bridge';
import { startWebHost } from './server';

// `npm run start:web` and the end-to-end tests start this: the real main core,
// served to a browser over loopback instead of to an Electron window.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    renderer: { type: 'string', default: 'out/renderer' },
  },
});

const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
const dispatch = createDispatcher({
  ...notImplementedHandlers(),
  ...createAppHandlers({ version: pkg.version, platform: process.platform, runtime: 'web' }),
});
const host = await startWebHost({
  rendererDir: resolve(values.renderer),
  bridgeScript: await bundleBridgeScript(resolve(import.meta.dirname, 'browser-bridge.ts')),
  dispatch,
  port: Number(values.port),
});
console.log(`WEBHOST_READY ${host.loginUrl}`);

const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
