import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { type JournalEntry, JournalEntry as JournalEntrySchema } from '../../../shared/ipc/contract';
import type { Redactor } from '../logging/redactor';
import type { Clock } from '../platform/clock';

/** What is needed to send the same request again with the same key (no secrets: the token is added at send time). */
export const ReplayRequest = z.object({
  route: z.string(),
  baseUrl: z.string(),
  params: z.record(z.string(), z.string()),
  body: z.unknown(),
  ifMatchVersion: z.number().int().optional(),
});
export type ReplayRequest = z.infer<typeof ReplayRequest>;

const JournalLine = JournalEntrySchema.extend({
  request: ReplayRequest.optional(),
  /** On result lines written at start-up: the outcome was learnt by replaying the key. */
  resolvedBy: z.enum(['commit', 'replay_on_start']).optional(),
});
export type JournalLine = z.infer<typeof JournalLine>;

export type NewJournalLine = Omit<JournalLine, 'id' | 'at'>;

/**
 * The operator journal: one append-only JSON-lines file per profile. Every
 * commit writes an `attempt` line (with its idempotency key and the exact
 * request) before the request goes out, and a `result` line after; each
 * append is fsynced before the caller continues, so the key survives a crash
 * and the outcome is on disk before the operator sees it.
 */
export class Journal {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    private readonly redactor: Redactor,
  ) {}

  fileFor(profileId: string): string {
    const safe = /^[A-Za-z0-9_-]{1,128}$/.test(profileId)
      ? profileId
      : Buffer.from(profileId).toString('hex');
    return join(this.dir, `${safe}.jsonl`);
  }

  async append(profileId: string, line: NewJournalLine): Promise<JournalLine> {
    const full: JournalLine = {
      ...line,
      id: `j_${this.clock.now().toString(36)}_${randomBytes(6).toString('hex')}`,
      at: new Date(this.clock.now()).toISOString(),
    };
    const text = `${this.redactor.redact(JSON.stringify(full))}\n`;
    // Appends to one file are serialised so lines never interleave.
    const previous = this.queues.get(profileId) ?? Promise.resolve();
    const next = previous.then(() => this.appendDurably(this.fileFor(profileId), text));
    this.queues.set(
      profileId,
      next.catch(() => undefined),
    );
    await next;
    return full;
  }

  /** Every readable line, oldest first. A torn last line (crash mid-write) is skipped. */
  async lines(profileId: string): Promise<JournalLine[]> {
    let raw: string;
    try {
      raw = await readFile(this.fileFor(profileId), 'utf8');
    } catch {
      return [];
    }
    const out: JournalLine[] = [];
    for (const text of raw.split('\n')) {
      if (text.trim() === '') continue;
      try {
        const parsed = JournalLine.safeParse(JSON.parse(text));
        if (parsed.success) out.push(parsed.data);
      } catch {
        // Unreadable line: keep going, the rest of the journal still counts.
      }
    }
    return out;
  }

  /** Newest first, as the renderer sees them (no replay request details). */
  async list(
    profileId: string,
    limit: number,
    before?: string,
  ): Promise<{ entries: JournalEntry[]; next: string | null }> {
    const all = (await this.lines(profileId)).reverse();
    const start = before === undefined ? 0 : all.findIndex((line) => line.id === before) + 1;
    if (before !== undefined && start === 0) return { entries: [], next: null };
    const slice = all.slice(start, start + limit);
    const last = slice.at(-1);
    return {
      entries: slice.map(toEntry),
      next: last && start + limit < all.length ? last.id : null,
    };
  }

  /** Attempts whose outcome was never learnt (the app stopped, or every retry failed). */
  async unresolved(profileId: string): Promise<JournalLine[]> {
    const byKey = new Map<string, JournalLine>();
    const settled = new Set<string>();
    for (const line of await this.lines(profileId)) {
      if (line.phase === 'attempt') byKey.set(line.idempotencyKey, line);
      else if (line.outcome === 'committed' || line.outcome === 'failed') settled.add(line.idempotencyKey);
    }
    return [...byKey.values()].filter((line) => !settled.has(line.idempotencyKey));
  }

  private async appendDurably(file: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const handle = await open(file, 'a+', 0o600);
    try {
      // A crash mid-append can leave a torn last line; start on a fresh line so
      // the torn one stays a single unreadable line instead of corrupting this one.
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      await handle.appendFile(prefix + text, 'utf8');
      await handle.sync();
      // A new file is durable only once its directory entry is: sync the directory too.
      if (size === 0) await syncDirectory(this.dir);
    } finally {
      await handle.close();
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open a directory for sync; the file itself is synced.
  }
}

export function toEntry(line: JournalLine): JournalEntry {
  return JournalEntrySchema.parse(line);
}
