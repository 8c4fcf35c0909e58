import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

/**
 * sql.js is SQLite compiled to WebAssembly: no native module in the app, the
 * same engine in Electron and in plain Node. The module is compiled once per
 * process; the wasm bytes are read by us so that packaging (asar) and bundling
 * cannot break sql.js's own file lookup.
 */
let loading: Promise<SqlJsStatic> | null = null;

export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!loading) {
    loading = (async () => {
      const require = createRequire(import.meta.url);
      const wasmPath = require.resolve('sql.js/dist/sql-wasm.wasm');
      const bytes = await readFile(wasmPath);
      const wasmBinary = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
      return initSqlJs({ wasmBinary });
    })();
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}
