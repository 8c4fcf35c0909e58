import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

export type ImportRef = {
  from: string;
  specifier: string;
  names: string[];
  typeOnly: boolean;
  resolved: string | null;
};

const IMPORT_RE =
  /(?:^|[\n;])\s*(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\n;])\s*import\s+['"]([^'"]+)['"]/g;

/** Every import, export-from, dynamic import and require in one source file. */
export function importsOf(file: string, source: string, root: string): ImportRef[] {
  const refs: ImportRef[] = [];
  // Comments may mention require('electron') without importing it.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const match of code.matchAll(IMPORT_RE)) {
    const specifier = match[4] ?? match[5] ?? match[6] ?? match[7];
    if (!specifier) continue;
    const clause = match[3] ?? '';
    const names = [...clause.matchAll(/\b([A-Za-z_$][\w$]*)\b/g)].map((m) => m[1] ?? '');
    const typeOnly =
      Boolean(match[2]) ||
      (/^\{[\s\S]*\}$/.test(clause.trim()) &&
        clause
          .split(',')
          .every((part) => /^\s*\{?\s*type\s/.test(part) || part.trim() === '}' || part.trim() === ''));
    const resolved = specifier.startsWith('.')
      ? relative(root, resolve(dirname(join(root, file)), specifier))
      : null;
    refs.push({ from: file, specifier, names, typeOnly, resolved });
  }
  return refs;
}

export function sourceFiles(root: string, folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
    }
  };
  for (const folder of folders) {
    try {
      walk(folder);
    } catch {
      // A folder that does not exist yet has nothing to check.
    }
  }
  return out;
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? '');
const inside = (path: string | null, folder: string) =>
  path !== null && (path === folder || path.startsWith(`${folder}/`));

/** The architecture's layering rules; each returns a sentence for every violation. */
export function layeringViolations(refs: ImportRef[]): string[] {
  const problems: string[] = [];
  for (const ref of refs) {
    const where = `${ref.from} imports '${ref.specifier}'`;
    if (ref.from.startsWith('renderer/')) {
      if (inside(ref.resolved, 'main') || inside(ref.resolved, 'sandbox') || inside(ref.resolved, 'preload'))
        problems.push(`${where}: the renderer may not import main, preload or sandbox code`);
      if (ref.specifier === 'electron' || isNodeBuiltin(ref.specifier))
        problems.push(`${where}: the renderer has neither Electron nor Node`);
    }
    if (ref.from.startsWith('main/') && inside(ref.resolved, 'renderer'))
      problems.push(`${where}: main may not import the renderer`);
    if (
      (ref.from.startsWith('main/') || ref.from.startsWith('preload/') || ref.from.startsWith('shared/')) &&
      inside(ref.resolved, 'sandbox')
    )
      problems.push(`${where}: the app may not depend on the sandbox backend`);
    if (
      ref.from.startsWith('sandbox/') &&
      ['main', 'preload', 'renderer'].some((f) => inside(ref.resolved, f))
    )
      problems.push(`${where}: the sandbox may only share code through shared/`);
    if (ref.from.startsWith('shared/')) {
      if (
        ref.specifier === 'electron' ||
        isNodeBuiltin(ref.specifier) ||
        ['main', 'renderer', 'preload'].some((f) => inside(ref.resolved, f))
      )
        problems.push(`${where}: shared code imports neither Electron, Node built-ins nor a runtime's code`);
    }
    if (ref.specifier === 'electron') {
      if (ref.names.includes('ipcMain') && ref.from !== 'main/electron/ipc.ts')
        problems.push(`${where}: only main/electron/ipc.ts may use ipcMain`);
      if (ref.names.includes('ipcRenderer') && !ref.from.startsWith('preload/'))
        problems.push(`${where}: only the preload may use ipcRenderer`);
      const edge =
        ref.from.startsWith('main/electron/') ||
        ref.from.startsWith('preload/') ||
        ref.from.startsWith('test/');
      if (!edge && !ref.typeOnly)
        problems.push(
          `${where}: Electron is imported only in main/electron/ and preload/ (type imports are fine)`,
        );
    }
  }
  return problems;
}

export function readRefs(root: string, folders: string[]): ImportRef[] {
  return sourceFiles(root, folders).flatMap((file) =>
    importsOf(file, readFileSync(join(root, file), 'utf8'), root),
  );
}

/**
 * Packages the renderer reaches at run time: runtime (not type-only) imports
 * followed from every renderer file through the project's own files.
 * `refs` must include every folder the renderer may import from.
 */
export function packagesReachedFrom(folder: string, refs: ImportRef[]): Map<string, string> {
  const byFile = new Map<string, ImportRef[]>();
  for (const ref of refs) byFile.set(ref.from, [...(byFile.get(ref.from) ?? []), ref]);
  const fileFor = (path: string) =>
    [path, `${path}.ts`, `${path}.tsx`, `${path}/index.ts`, `${path}/index.tsx`].find((p) => byFile.has(p));
  const reached = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [...byFile.keys()].filter((f) => inside(f, folder));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const ref of byFile.get(file) ?? []) {
      if (ref.typeOnly) continue;
      if (ref.resolved === null) {
        const name = ref.specifier.startsWith('@')
          ? ref.specifier.split('/').slice(0, 2).join('/')
          : (ref.specifier.split('/')[0] ?? '');
        if (!reached.has(name)) reached.set(name, file);
        continue;
      }
      const next = fileFor(ref.resolved);
      if (next) queue.push(next);
    }
  }
  return reached;
}
