import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../../sandbox/support/fixtures';
import { type Harness, startHarness } from '../support/core-harness';

describe('writes are blocked for a support token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ role: 'support' });
  });
  afterAll(async () => h.stop());

  it('reads work, previews and commits are refused in main with the reason, nothing sent', async () => {
    const status = await h.value('connection.status');
    expect(status).toMatchObject({ state: 'connected', canWrite: false, me: { actor: { role: 'support' } } });
    expect(status.writeBlockedReason).toMatch(/support role/);
    expect(await h.call('tenants.list', {})).toMatchObject({ ok: true });

    const before = h.sent.length;
    const preview = await h.call('mutations.preview', { operation: 'metering.tick', payload: {} });
    expect(preview).toMatchObject({ ok: false, error: { code: 'writes_blocked' } });
    expect(h.sent.length).toBe(before);
  });
});

describe('environment kind mismatch', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sandbox: { environmentKind: 'production', environmentName: 'Prod EU' } });
  });
  afterAll(async () => h.stop());

  it('blocks writes until the operator acknowledges it, and says why', async () => {
    const tenant = await newTenant(h.admin, { credits: '10' });
    const status = await h.value('connection.status');
    expect(status).toMatchObject({
      state: 'connected',
      canWrite: false,
      acknowledged: false,
      environmentMismatch: { expected: 'sandbox', actual: 'production' },
    });
    expect(status.writeBlockedReason).toContain('Prod EU');
    const args = {
      operation: 'wallet.adjust' as const,
      payload: { tenantId: tenant.id, kind: 'top_up' as const, amount: '1', reason: 'x' },
    };
    expect(await h.call('mutations.preview', args)).toMatchObject({
      ok: false,
      error: { code: 'writes_blocked' },
    });

    const changed = h.events.length;
    const acknowledged = await h.value('connection.acknowledgeEnvironment', { profileId: 'local-sandbox' });
    expect(acknowledged).toMatchObject({ canWrite: true, acknowledged: true });
    expect(h.events.slice(changed).map((e) => e.name)).toContain('connection.changed');
    expect(await h.call('mutations.preview', args)).toMatchObject({ ok: true });
  });

  it('acknowledging with no mismatch is refused', async () => {
    expect(await h.call('connection.acknowledgeEnvironment', { profileId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'nothing_to_acknowledge' },
    });
  });
});

describe('profiles and tokens over the bridge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('never returns a token, only hasToken', async () => {
    const list = await h.value('connection.listProfiles');
    expect(list.profiles[0]).toMatchObject({
      id: 'local-sandbox',
      builtIn: true,
      hasToken: true,
      tokenPersisted: false,
    });
    expect(JSON.stringify(list)).not.toContain(h.sandbox.adminToken);
  });

  it('a new profile: URL rules, token, activate, unauthorized with a wrong token, delete', async () => {
    expect(
      await h.call('connection.saveProfile', {
        name: 'Remote plain http',
        baseUrl: 'http://10.0.0.5:8787',
        expectedKind: 'staging',
        color: '#123456',
        allowInsecureHttp: false,
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_arguments', fields: [{ field: 'baseUrl' }] } });

    const saved = await h.value('connection.saveProfile', {
      name: 'Same sandbox, staging label',
      baseUrl: `${h.sandbox.url}/`,
      expectedKind: 'staging',
      color: '#123456',
      allowInsecureHttp: false,
    });
    expect(saved.baseUrl).toBe(h.sandbox.url);
    expect(await h.value('connection.activate', { profileId: saved.id })).toMatchObject({
      state: 'no_token',
    });
    const set = await h.value('connection.setToken', { profileId: saved.id, token: 'wrong-token-123' });
    expect(set).toMatchObject({ hasToken: true, persisted: false });
    expect(set.warning).toBeTruthy();
    expect(await h.value('connection.check')).toMatchObject({ state: 'unauthorized', canWrite: false });
    await h.value('connection.setToken', { profileId: saved.id, token: h.sandbox.adminToken });
    expect(await h.value('connection.check')).toMatchObject({
      state: 'connected',
      environmentMismatch: { expected: 'staging', actual: 'sandbox' },
      canWrite: false,
    });
    await h.value('connection.deleteProfile', { profileId: saved.id });
    const after = await h.value('connection.listProfiles');
    expect(after.activeProfileId).toBe('local-sandbox');
    expect(after.profiles.map((p) => p.id)).not.toContain(saved.id);
    expect(await h.call('connection.deleteProfile', { profileId: 'local-sandbox' })).toMatchObject({
      ok: false,
      error: { code: 'profile_read_only' },
    });
  });

  it('an unreachable backend is a state, not a crash', async () => {
    const saved = await h.value('connection.saveProfile', {
      name: 'Nothing listens here',
      baseUrl: 'http://127.0.0.1:9',
      expectedKind: 'sandbox',
      color: '#123456',
      allowInsecureHttp: false,
    });
    await h.value('connection.setToken', { profileId: saved.id, token: 'whatever-token' });
    const status = await h.value('connection.activate', { profileId: saved.id });
    expect(status).toMatchObject({ state: 'unreachable', canWrite: false, error: { code: 'unreachable' } });
    // GETs were retried with backoff, through the injected sleep.
    expect(h.slept.length).toBeGreaterThan(0);
    await h.value('connection.activate', { profileId: 'local-sandbox' });
  });
});
