import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OfflineCache } from '../core/cache/offline-cache';
import { sessionKeySealer } from '../core/cache/sealers';
import { composeCore } from '../core/compose';
import { exportDirDialog } from '../core/export/save-dialog';
import { openJsonFileStore } from '../core/platform/json-file-store';
import { DEFAULT_LOCAL_SANDBOX_URL, LOCAL_SANDBOX_PROFILE_ID } from '../core/profiles/profile-repository';
import { disabledUpdateHandlers } from '../core/updates/update-handlers';
import { sessionOnlySealer } from '../core/vault/secret-sealer';
import { bundleBridgeScript } from './bundle-bridge';
import { startWebHost } from './server';

// `npm run start:web` and the end-to-end tests start this: the real main core
// (composeCore, as in the Electron entry), served to a browser over loopback
// instead of to an Electron window.
//
//   --sandbox-url <url>   backend of the built-in "Local sandbox" profile
//   --data <dir>          profiles, settings, journal and log (default: a fresh temp dir)
//   --export-dir <dir>    where "save dialogs" write (default: <data>/exports)
//   --port <n>            0 = any free port
//   --transcript <file>   append every bridge response and event sent to the browser
//                         (the end-to-end tests search it for tokens; off by default)
// Env: MM_WEBHOST_TOKEN  token for the Local sandbox profile, held for this session only.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    renderer: { type: 'string', default: 'out/renderer' },
    'sandbox-url': { type: 'string' },
    data: { type: 'string' },
    'export-dir': { type: 'string' },
    transcript: { type: 'string' },
  },
});

const dataDir = resolve(values.data ?? mkdtempSync(join(tmpdir(), 'operator-webhost-')));
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const logFile = join(dataDir, 'main.log');
const opened = openJsonFileStore(join(dataDir, 'settings.json'));
const token = process.env.MM_WEBHOST_TOKEN;
// Read once, then gone from the environment, so nothing spawned or dumped later sees it.
delete process.env.MM_WEBHOST_TOKEN;

const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
// No OS keyring here: the offline cache's key lives only in this process, so the cache works for this run.
const offlineCache = await OfflineCache.create({
  root: join(dataDir, 'offline-cache'),
  sealer: sessionKeySealer(),
  now: () => new Date(),
});
const core = composeCore({
  appInfo: { version: pkg.version, platform: process.platform, runtime: 'web' },
  store: opened.store,
  storeBackup: opened.recovered?.backupPath ?? null,
  sealer: sessionOnlySealer,
  sessionOnlyReason:
    'The web host never saves tokens: it keeps them for this session only. Start it with MM_WEBHOST_TOKEN to have the Local sandbox token filled in.',
  dataDir,
  saveDialog: exportDirDialog(resolve(values['export-dir'] ?? join(dataDir, 'exports'))),
  localSandboxUrl: values['sandbox-url'] ?? process.env.MM_LOCAL_SANDBOX_URL ?? DEFAULT_LOCAL_SANDBOX_URL,
  ...(token ? { presetTokens: { [LOCAL_SANDBOX_PROFILE_ID]: token } } : {}),
  logSink: (line) => appendFileSync(logFile, `${line}\n`, { mode: 0o600 }),
  extraHandlers: disabledUpdateHandlers(
    'The web host never updates itself; updates apply to the installed app.',
    pkg.version,
  ),
  offline: { cache: offlineCache },
});
await core.start();

const transcriptFile = values.transcript ? resolve(values.transcript) : null;
// Created up front, so a run that sent nothing still shows the transcript was on.
if (transcriptFile) appendFileSync(transcriptFile, '', { mode: 0o600 });

const host = await startWebHost({
  rendererDir: resolve(values.renderer),
  bridgeScript: await bundleBridgeScript(resolve(import.meta.dirname, 'browser-bridge.ts')),
  dispatch: core.dispatch,
  events: core.events,
  port: Number(values.port),
  ...(transcriptFile
    ? { transcript: (line: string) => appendFileSync(transcriptFile, `${line}\n`, { mode: 0o600 }) }
    : {}),
});
core.logger.info('web host ready', { url: host.url });
console.log(`WEBHOST_READY ${host.loginUrl}`);

const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
