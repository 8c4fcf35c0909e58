/**
 * Command-line switches that would let another local process drive the
 * renderer (and through it the bridge) or attach a debugger to main. The fuses
 * turn off --inspect for Node, but Chromium honours --remote-debugging-* on
 * its own, so a packaged build refuses to start with any of them.
 */
const FORBIDDEN_PREFIXES = [
  '--remote-debugging-port',
  '--remote-debugging-pipe',
  '--inspect',
  '--inspect-brk',
  '--debug',
];

export function forbiddenLaunchSwitch(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const name = arg.split('=')[0] ?? arg;
    if (FORBIDDEN_PREFIXES.some((prefix) => name === prefix || name.startsWith(`${prefix}-`))) return name;
  }
  return null;
}
