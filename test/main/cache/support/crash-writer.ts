/**
 * Child process for the crash test: writes a good cache, then starts a second
 * write and is killed (SIGKILL, no cleanup, no finally blocks) after the temp
 * file is complete but before the rename.
 */
import { OfflineCache } from '../../../../main/core/cache/offline-cache';
import { FakeSealer, ledger, ManualClock } from './fakes';

const [root = '', tenantId = ''] = process.argv.slice(2);
let killAtRename = false;
const cache = await OfflineCache.create({
  root,
  sealer: new FakeSealer(),
  now: new ManualClock().now,
  hooks: {
    beforeRename: () => {
      if (killAtRename) process.kill(process.pid, 'SIGKILL');
    },
  },
});
const profile = await cache.profile('prof-1');
if (!profile) throw new Error('cache off');
await profile.recordLedgerPage(tenantId, { data: ledger(tenantId, 10), next_cursor: null }, true);
await profile.flush();
process.stdout.write('GOOD_STATE_WRITTEN\n');
await profile.recordLedgerPage(
  tenantId,
  { data: ledger(tenantId, 20).slice(0, 10), next_cursor: null },
  true,
);
killAtRename = true;
await profile.flush();
process.stdout.write('NOT_REACHED\n');
