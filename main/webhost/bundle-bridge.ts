import { build } from 'esbuild';

/**
 * Bundles the browser-side bridge on demand. It is never part of the
 * electron-vite build, so it can never end up in a packaged app.
 */
export async function bundleBridgeScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('The bridge bundle came out empty.');
  return file.text;
}
