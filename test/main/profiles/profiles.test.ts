import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperatorFailure } from '../../../main/core/errors/normalize';
import { openJsonFileStore } from '../../../main/core/platform/json-file-store';
import { memoryStore } from '../../../main/core/platform/key-value-store';
import { LOCAL_SANDBOX_PROFILE_ID, ProfileRepository } from '../../../main/core/profiles/profile-repository';
import { checkStoreHealth } from '../../../main/core/profiles/store-health';
import { checkBaseUrl } from '../../../main/core/profiles/url-rules';

describe('URL rules', () => {
  it.each([
    ['https://api.example.com/', false, 'https://api.example.com'],
    ['https://api.example.com/base/', false, 'https://api.example.com/base'],
    ['http://127.0.0.1:8787', false, 'http://127.0.0.1:8787'],
    ['http://localhost:8787', false, 'http://localhost:8787'],
    ['http://[::1]:8787', false, 'http://[::1]:8787'],
    ['http://10.0.0.5:8787', true, 'http://10.0.0.5:8787'],
  ])('accepts %s (insecure allowed: %s)', (input, allow, expected) => {
    expect(checkBaseUrl(input, allow)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['http://10.0.0.5:8787', /only allowed to this machine/],
    ['http://127.0.0.1.evil.example', /only allowed to this machine/],
    ['ftp://api.example.com', /Only http and https/],
    ['file:///etc/passwd', /Only http and https/],
    ['javascript:alert(1)', /Only http and https/],
    ['https://user:pass@api.example.com', /token field/],
    ['https://api.example.com/?token=x', /query/],
    ['not a url', /full address/],
  ])('refuses %s', (input, message) => {
    const result = checkBaseUrl(input, false);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('profiles', () => {
  it('has a built-in Local sandbox at the configured URL, active by default, read-only', () => {
    const repo = new ProfileRepository(memoryStore(), 'http://127.0.0.1:9999/');
    expect(repo.list()).toEqual([
      expect.objectContaining({
        id: LOCAL_SANDBOX_PROFILE_ID,
        baseUrl: 'http://127.0.0.1:9999',
        builtIn: true,
      }),
    ]);
    expect(repo.activeId()).toBe(LOCAL_SANDBOX_PROFILE_ID);
    expect(() => repo.delete(LOCAL_SANDBOX_PROFILE_ID)).toThrow(OperatorFailure);
    expect(() =>
      repo.save({
        id: LOCAL_SANDBOX_PROFILE_ID,
        name: 'x',
        baseUrl: 'https://x.example',
        expectedKind: 'sandbox',
        color: '#000000',
        allowInsecureHttp: false,
      }),
    ).toThrow(/cannot be edited/);
  });

  it('saves, updates, activates and deletes profiles; deleting the active one falls back to the sandbox', () => {
    const repo = new ProfileRepository(memoryStore(), 'http://127.0.0.1:8787');
    const created = repo.save({
      name: ' Prod ',
      baseUrl: 'https://prod.example.com',
      expectedKind: 'production',
      color: '#ff0000',
      allowInsecureHttp: false,
    });
    expect(created.name).toBe('Prod');
    repo.setActive(created.id);
    repo.save({ ...created, name: 'Production EU' });
    expect(repo.get(created.id)?.name).toBe('Production EU');
    repo.delete(created.id);
    expect(repo.activeId()).toBe(LOCAL_SANDBOX_PROFILE_ID);
  });
});

describe('the settings file', () => {
  it('a file that does not parse is set aside and the app starts from defaults with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{"profiles": {"list": [');
    const opened = openJsonFileStore(file);
    expect(opened.recovered).not.toBeNull();
    const notice = checkStoreHealth(opened.store, opened.recovered?.backupPath ?? null);
    expect(notice).toContain('damaged');
    expect(notice).toContain(opened.recovered?.backupPath ?? 'x');
    expect(readdirSync(dir).some((name) => name.includes('.damaged-'))).toBe(true);
    expect(new ProfileRepository(opened.store, 'http://127.0.0.1:8787').list()).toHaveLength(1);
  });

  it('a file with the wrong shape is quarantined too (schema-validated load)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    const file = join(dir, 'settings.json');
    writeFileSync(
      file,
      JSON.stringify({ profiles: { list: [{ id: 1 }], activeProfileId: 'x' }, tokens: {} }),
    );
    const opened = openJsonFileStore(file);
    expect(opened.recovered).toBeNull();
    const notice = checkStoreHealth(opened.store, null);
    expect(notice).toMatch(/reset to defaults/);
    expect(opened.store.get('profiles')).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
  });

  it('a healthy file is left alone and writes survive a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    const file = join(dir, 'settings.json');
    const first = openJsonFileStore(file);
    new ProfileRepository(first.store, 'http://127.0.0.1:8787').save({
      name: 'Staging',
      baseUrl: 'https://staging.example.com',
      expectedKind: 'staging',
      color: '#00ff00',
      allowInsecureHttp: false,
    });
    const second = openJsonFileStore(file);
    expect(checkStoreHealth(second.store, null)).toBeNull();
    expect(new ProfileRepository(second.store, 'http://127.0.0.1:8787').list()).toHaveLength(2);
  });
});
