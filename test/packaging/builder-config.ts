import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/** Shared by the config test and the packaging smoke test. */
export const ROOT = process.cwd();
const require = createRequire(import.meta.url);

export type BuilderConfig = Record<string, unknown>;

export function loadBuilderConfig(): BuilderConfig {
  return parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/**
 * electron-builder's own JSON schema, shipped in app-builder-lib, is what it
 * validates the config against before a build; checking it here catches a
 * misspelt key offline, long before a release runner would.
 */
let compiled: ValidateFunction | undefined;
export function validateAgainstBuilderSchema(config: unknown): ErrorObject[] {
  // Compiling the schema takes about a second; do it once per run.
  compiled ??= new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(
    require('app-builder-lib/scheme.json') as object,
  );
  return compiled(config) ? [] : [...(compiled.errors ?? [])];
}

/** The fuse wire that must end up in every packaged binary. */
export const EXPECTED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const;
