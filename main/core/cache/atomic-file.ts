import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Test seam: called after the temp file is complete and fsynced, before the
 * rename makes it visible. A test throws here (or kills the process) to prove
 * that a crash mid-write leaves the previous file intact.
 */
export interface WriteHooks {
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

export const TEMP_MARKER = '.tmp-';

/**
 * Replaces `path` with `data` so that a reader (or a restart after a crash)
 * sees either the old file or the new one, never a mix: write a sibling temp
 * file, fsync it, rename over the target (atomic on POSIX and NTFS), then
 * fsync the directory so the rename itself survives power loss.
 */
export async function writeFileAtomic(path: string, data: Uint8Array, hooks: WriteHooks = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `${basename(path)}${TEMP_MARKER}${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await hooks.beforeRename?.(temp);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes temp files a crash left behind; they were never renamed, so they hold nothing we rely on. */
export async function removeStaleTempFiles(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const stale = names.filter((name) => name.includes(TEMP_MARKER));
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale.length;
}
