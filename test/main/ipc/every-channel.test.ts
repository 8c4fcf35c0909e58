import { describe, expect, it } from 'vitest';
import type { CoreChannel } from '../../../main/core/compose';
import { createDispatcher } from '../../../main/core/ipc/dispatcher';
import { type ChannelName, type ChannelRequest, channelNames } from '../../../shared/ipc/contract';
import { stubHandlers } from '../support/stub-handlers';

type Sample<C extends ChannelName> = { valid: ChannelRequest<C>; invalid: unknown[] };

/**
 * One valid request and several invalid ones per channel. The mapped type
 * makes adding a core channel without adding its row here a type error;
 * channels owned elsewhere (updates.*, cache.*, offline.*) may add rows, and
 * without one still get the sender and junk-argument checks below.
 */
const samples: { [C in CoreChannel]: Sample<C> } & { [C in ChannelName]?: Sample<C> } = {
  'app.version': { valid: {}, invalid: [{ x: 1 }, 'app', null] },
  'connection.listProfiles': { valid: {}, invalid: [{ includeTokens: true }] },
  'connection.saveProfile': {
    valid: {
      name: 'Staging',
      baseUrl: 'https://staging.example.com',
      expectedKind: 'staging',
      color: '#aa3300',
      allowInsecureHttp: false,
    },
    invalid: [
      {
        name: '',
        baseUrl: 'https://x.example',
        expectedKind: 'staging',
        color: '#aa3300',
        allowInsecureHttp: false,
      },
      {
        name: 'x',
        baseUrl: 'https://x.example',
        expectedKind: 'prod',
        color: '#aa3300',
        allowInsecureHttp: false,
      },
      {
        name: 'x',
        baseUrl: 'https://x.example',
        expectedKind: 'staging',
        color: 'red',
        allowInsecureHttp: false,
      },
      { name: 'x', baseUrl: 'https://x.example', expectedKind: 'staging', color: '#aa3300' },
    ],
  },
  'connection.deleteProfile': {
    valid: { profileId: 'p_1' },
    invalid: [{}, { profileId: '' }, { profileId: 7 }],
  },
  'connection.setToken': {
    valid: { profileId: 'p_1', token: 'abc' },
    invalid: [
      { profileId: 'p_1' },
      { profileId: 'p_1', token: '' },
      { profileId: 'p_1', token: 'x'.repeat(5000) },
    ],
  },
  'connection.clearToken': { valid: { profileId: 'p_1' }, invalid: [{}] },
  'connection.activate': { valid: { profileId: 'p_1' }, invalid: [{ profileId: null }] },
  'connection.status': { valid: {}, invalid: [{ profileId: 'p_1' }] },
  'connection.check': { valid: {}, invalid: [{ url: 'https://evil.example' }] },
  'connection.acknowledgeEnvironment': { valid: { profileId: 'p_1' }, invalid: [{}] },
  'tenants.list': {
    valid: { q: 'acme', limit: 10 },
    invalid: [{ limit: 0 }, { limit: 501 }, { status: 'gone' }],
  },
  'tenants.get': {
    valid: { tenantId: 'ten_000001' },
    invalid: [{}, { tenantId: '' }, { tenant_id: 'ten_1' }],
  },
  'plans.list': { valid: {}, invalid: [{ all: true }] },
  'wallet.transactions': {
    valid: { tenantId: 'ten_000001', type: 'top_up', since: '2026-01-01T00:00:00Z', q: 'refund' },
    invalid: [
      { tenantId: 'ten_1', type: 'gift' },
      { tenantId: 'ten_1', since: 'yesterday' },
      { type: 'top_up' },
    ],
  },
  'wallet.exportCsv': {
    valid: { tenantId: 'ten_000001' },
    invalid: [{ tenantId: 'ten_1', path: '/etc/passwd' }, {}],
  },
  'workloads.list': {
    valid: { tenantId: 'ten_000001', reconciled: false },
    invalid: [{ tenantId: 'ten_1', status: 'exploded' }],
  },
  'workloads.get': { valid: { workloadId: 'wl_000001' }, invalid: [{ workloadId: 1 }] },
  'endpoints.list': {
    valid: { tenantId: 'ten_000001', status: 'active' },
    invalid: [{ tenantId: 'ten_1', cursor: '' }],
  },
  'endpoints.get': { valid: { endpointId: 'ep_000001' }, invalid: [{}] },
  'admin.transactions': { valid: { actor: 'usr_1' }, invalid: [{ until: 'soon' }] },
  'admin.endpoints': { valid: {}, invalid: [{ status: 'off' }] },
  'admin.workloads': { valid: { reconciled: 'false' }, invalid: [{ reconciled: 'maybe' }] },
  'admin.audit': { valid: { action: 'wallet.adjustment' }, invalid: [{ limit: -1 }] },
  'mutations.preview': {
    valid: {
      operation: 'wallet.adjust',
      payload: { tenantId: 'ten_000001', kind: 'top_up', amount: '10', reason: 'paid' },
    },
    invalid: [
      { operation: 'http.request', payload: { url: 'https://evil.example' } },
      { operation: 'wallet.adjust', payload: { tenantId: 'ten_1', kind: 'gift', amount: '10', reason: 'x' } },
      {
        operation: 'wallet.adjust',
        payload: { tenantId: 'ten_1', kind: 'top_up', amount: '10', reason: 'x', extra: 1 },
      },
      { operation: 'metering.tick', payload: { force: true } },
      { operation: 'wallet.adjust' },
    ],
  },
  'mutations.commit': {
    valid: { ticketId: 'tkt_x' },
    invalid: [{}, { ticketId: '' }, { ticketId: 'tkt_x', key: 'k' }],
  },
  'journal.list': { valid: { limit: 20 }, invalid: [{ limit: 1000 }] },
  'journal.export': { valid: {}, invalid: [{ path: '/tmp/x' }] },
  'settings.get': { valid: {}, invalid: [{ key: 'token' }] },
  'settings.update': {
    valid: { requestTimeoutMs: 5000 },
    invalid: [{ requestTimeoutMs: 10 }, { token: 'x' }, { updateChecks: 'yes' }],
  },
  'updates.status': { valid: {}, invalid: [{ force: true }] },
  'updates.check': { valid: {}, invalid: [{ url: 'https://evil.example/feed' }] },
  'updates.download': {
    valid: { version: '1.2.0' },
    invalid: [{}, { version: '' }, { version: '1.2.0', url: 'x' }],
  },
  'updates.install': { valid: { version: '1.2.0' }, invalid: [{}, { version: 12 }] },
  'cache.status': { valid: {}, invalid: [{ profileId: 'p' }] },
  'cache.list': { valid: {}, invalid: [{ all: true }] },
  'cache.pin': {
    valid: { tenantId: 'ten_1' },
    invalid: [{}, { tenantId: '' }, { tenantId: 'ten_1', path: '/tmp' }],
  },
  'cache.cancel': { valid: { tenantId: 'ten_1' }, invalid: [{}, { tenantId: 7 }] },
  'cache.refresh': { valid: {}, invalid: [{ tenantId: '' }, { since: 'x' }] },
  'cache.purge': { valid: { tenantId: 'ten_1' }, invalid: [{}, { tenantId: '' }] },
  'cache.purgeAll': { valid: {}, invalid: [{ profileId: 'other' }] },
  'cache.settings': {
    valid: { expiryDays: 30 },
    invalid: [{ expiryDays: 0 }, { expiryDays: 1.5 }, { enabled: 'yes' }, { key: 'x' }],
  },
  'offline.status': { valid: {}, invalid: [{ force: true }] },
  'offline.set': { valid: { offline: true }, invalid: [{}, { offline: 'yes' }] },
};

const trusted = { trusted: true, description: 'app window' };
const foreign = { trusted: false, description: 'another frame' };

describe.each(channelNames.map((channel) => [channel]))('%s', (channel) => {
  const sample: Sample<ChannelName> | undefined = samples[channel];
  const sampleOrEmpty = sample ?? { valid: {}, invalid: [] };

  it.skipIf(!sample)('runs the handler for a valid request from the app window', async () => {
    const handlers = stubHandlers();
    const result = await createDispatcher(handlers)(channel, sampleOrEmpty.valid, trusted);
    expect(result).toEqual({ ok: true, value: { handled: channel } });
    expect(handlers[channel]).toHaveBeenCalledTimes(1);
  });

  it('refuses a foreign sender before the handler runs', async () => {
    const handlers = stubHandlers();
    const result = await createDispatcher(handlers)(channel, sampleOrEmpty.valid, foreign);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(handlers[channel]).not.toHaveBeenCalled();
  });

  it('refuses bad arguments before the handler runs', async () => {
    const handlers = stubHandlers();
    for (const bad of [...sampleOrEmpty.invalid, undefined, [], 'text', 42]) {
      const result = await createDispatcher(handlers)(channel, bad, trusted);
      expect(result, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    }
    expect(handlers[channel]).not.toHaveBeenCalled();
  });
});
