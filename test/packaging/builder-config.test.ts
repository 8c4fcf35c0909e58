import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_SCHEME } from '../../main/core/window/app-origin';
import { EXPECTED_FUSES, loadBuilderConfig, ROOT, validateAgainstBuilderSchema } from './builder-config';

const config = loadBuilderConfig();
const section = (key: string) => (config[key] ?? {}) as Record<string, unknown>;
const targetsOf = (platform: string) =>
  (section(platform).target as { target: string; arch: string[] }[]).map((t) => t.target);

describe('electron-builder.yml against electron-builder’s own schema', () => {
  it('is valid', () => {
    expect(validateAgainstBuilderSchema(config)).toEqual([]);
  });

  // The check must be able to fail: a misspelt key and a wrong type are caught.
  it.each([
    ['a misspelt top-level key', { ...config, npmRebuil: false }],
    ['a wrong fuse type', { ...config, electronFuses: { ...EXPECTED_FUSES, runAsNode: 'off' } }],
    ['an unknown fuse', { ...config, electronFuses: { ...EXPECTED_FUSES, runAsNodee: false } }],
  ])('rejects %s', (_name, broken) => {
    expect(validateAgainstBuilderSchema(broken).length).toBeGreaterThan(0);
  });
});

describe('packaging policy', () => {
  it('identifies the app and ships a real 1024px icon', () => {
    expect(config.appId).toBe('ai.modelmachines.operator');
    expect(config.productName).toBe('ModelMachines Operator');
    const png = readFileSync(join(ROOT, String(config.icon)));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    // IHDR width and height: electron-builder needs ≥512 for .icns, ≥256 for .ico.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('packs only the built bundles into an asar, with no native rebuild', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack ?? []).toEqual([]);
    const files = config.files as string[];
    const included = files.filter((f) => !f.startsWith('!'));
    expect(included).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
    expect(files).toContain('!**/*.map');
  });

  it('flips every hardening fuse, and file: needs no privileges because the app has its own scheme', () => {
    expect(config.electronFuses).toEqual(EXPECTED_FUSES);
    expect(APP_SCHEME).not.toBe('file');
  });

  it('names artifacts with version, os and arch', () => {
    expect(config.artifactName).toMatch(/\$\{version\}.*\$\{os\}.*\$\{arch\}\.\$\{ext\}$/);
  });

  it('signs and notarizes macOS with the hardened runtime and minimal entitlements', () => {
    const mac = section('mac');
    expect(targetsOf('mac').sort()).toEqual(['dmg', 'zip']);
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.notarize).toBe(true);
    expect(mac.forceCodeSigning).toBe(true);
    expect(mac.identity).toBeUndefined(); // null would mean "do not sign"
    for (const key of ['entitlements', 'entitlementsInherit']) {
      const plist = readFileSync(join(ROOT, String(mac[key])), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
      const granted = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
      expect(granted, key).toEqual(['com.apple.security.cs.allow-jit']);
    }
  });

  it('signs the Windows NSIS installer and makes the updater check the publisher', () => {
    const win = section('win');
    expect(targetsOf('win')).toEqual(['nsis']);
    expect(win.forceCodeSigning).toBe(true);
    expect(win.verifyUpdateCodeSignature).toBe(true);
    const signtool = win.signtoolOptions as Record<string, unknown>;
    expect(signtool.publisherName).toEqual(['ModelMachines.ai, Inc.']);
    expect(signtool.signingHashAlgorithms).toEqual(['sha256']);
    expect(String(signtool.rfc3161TimeStampServer)).toMatch(/^https?:\/\//);
    expect(section('nsis').deleteAppDataOnUninstall).toBe(false);
  });

  it('builds an AppImage and a deb for Linux', () => {
    expect(targetsOf('linux').sort()).toEqual(['AppImage', 'deb']);
  });

  it('publishes drafts to one update feed', () => {
    const publish = config.publish as Record<string, unknown>[];
    expect(publish).toHaveLength(1);
    expect(publish[0]).toMatchObject({ provider: 'github', releaseType: 'draft' });
  });

  it('holds no credentials: signing and notarization read the environment', () => {
    const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    for (const key of [
      'cscLink',
      'cscKeyPassword',
      'certificateFile',
      'certificatePassword',
      'certificateSha1',
      'appleIdPassword',
      'password',
      'token',
      'secret',
    ]) {
      expect(text, key).not.toMatch(new RegExp(`^\\s*${key}\\s*:`, 'im'));
    }
  });
});
