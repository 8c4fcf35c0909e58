import type { ChannelArgs, UpdateStatus } from '../../../shared/ipc/contract';
import { OperatorFailure } from '../errors/normalize';
import type { UpdateController, UpdateResult } from './update-controller';

/**
 * The updates.* bridge channels over the controller. A check always answers
 * with the status (a disabled or failed check is a state the UI shows, not an
 * error); a download or install the controller refuses becomes an error the
 * renderer can name.
 */
export function createUpdateHandlers(
  controller: Pick<UpdateController, 'status' | 'check' | 'download' | 'install'>,
) {
  return {
    'updates.status': async (_args: ChannelArgs<'updates.status'>) => controller.status(),
    'updates.check': async (_args: ChannelArgs<'updates.check'>) => (await controller.check()).status,
    'updates.download': async (args: ChannelArgs<'updates.download'>) =>
      settled(await controller.download(args)),
    'updates.install': async (args: ChannelArgs<'updates.install'>) =>
      settled(await controller.install(args)),
  };
}

function settled(result: UpdateResult): UpdateStatus {
  if (result.ok) return result.status;
  throw new OperatorFailure({
    code: result.code.toLowerCase(),
    message: result.message,
    retryable: false,
    current: result.status,
  });
}

/** For runtimes that never update themselves (the web host, tests): always disabled, with the reason. */
export function disabledUpdateHandlers(reason: string, currentVersion: string) {
  const status: UpdateStatus = {
    state: 'disabled',
    currentVersion,
    disabledReason: reason,
    available: null,
    downloadPercent: null,
    error: null,
    lastCheckedAt: null,
  };
  const refuse = async (): Promise<UpdateStatus> => {
    throw new OperatorFailure({
      code: 'updates_disabled',
      message: reason,
      retryable: false,
      current: status,
    });
  };
  return {
    'updates.status': async () => status,
    'updates.check': async () => status,
    'updates.download': refuse,
    'updates.install': refuse,
  };
}
