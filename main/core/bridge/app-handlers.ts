import type { Handlers } from '../ipc/dispatcher';

export type AppInfo = { version: string; platform: string; runtime: 'electron' | 'web' };

export function createAppHandlers(info: AppInfo): Pick<Handlers, 'app.version'> {
  return {
    'app.version': async () => ({ ...info }),
  };
}
