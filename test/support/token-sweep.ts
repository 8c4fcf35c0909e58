/**
 * The whole-run token sweep (issue 4: "a test walks every IPC response,
 * journal line, log line and error produced during a full test run and finds
 * no token"). The node project's setup file (token-sweep.setup.ts) feeds it
 * everything the core lets out in every test file, and every secret the core
 * or a test sandbox ever held; after each file it searches the one for the other.
 *
 * State lives on globalThis so the setup file and the test file share it even
 * though vitest evaluates modules afresh per file.
 */

type Output = { kind: string; text: string };
type SweepState = { tokens: Set<string>; outputs: Output[]; recorded: number };

const KEY = Symbol.for('modelmachines.token-sweep');

function state(): SweepState {
  const holder = globalThis as unknown as Record<symbol, SweepState | undefined>;
  let current = holder[KEY];
  if (!current) {
    current = { tokens: new Set(), outputs: [], recorded: 0 };
    holder[KEY] = current;
  }
  return current;
}

/** Same floor as the core's Redactor: shorter strings would match ordinary words. */
const MIN_TOKEN_LENGTH = 6;

/** A secret the run handed to the core or to a sandbox. */
export function learnToken(token: string): void {
  if (token.length >= MIN_TOKEN_LENGTH) state().tokens.add(token);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Something that left the core: a bridge response, an event, a log or journal line, an error. */
export function recordOutput(kind: string, value: unknown): void {
  const s = state();
  s.outputs.push({ kind, text: textOf(value) });
  s.recorded += 1;
}

/** Where any known token appears, as "kind: …context…" lines (tokens masked). */
export function findLeaks(): string[] {
  const s = state();
  const found: string[] = [];
  for (const output of s.outputs) {
    for (const token of s.tokens) {
      const at = output.text.indexOf(token);
      if (at === -1) continue;
      const context = output.text
        .slice(Math.max(0, at - 60), at + token.length + 20)
        .split(token)
        .join('<TOKEN>');
      found.push(`${output.kind}: …${context}…`);
    }
  }
  return found;
}

/** Counts so a test can prove the sweep saw something. */
export function sweepCounts(): { tokens: number; outputs: number; recorded: number } {
  const s = state();
  return { tokens: s.tokens.size, outputs: s.outputs.length, recorded: s.recorded };
}

/** Drops what was recorded (after a file's check, or after a test planted a leak on purpose). */
export function clearOutputs(): void {
  state().outputs.length = 0;
}
