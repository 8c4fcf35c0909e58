import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantPage, TransactionPage } from '../../shared/api';
import { formatCredits, parseCredits } from '../../shared/money';
import { type Client, sandboxClients } from './support/client';
import { getTenant } from './support/fixtures';
import { type SpawnedSandbox, spawnSandbox } from './support/spawn-sandbox';

let sb: SpawnedSandbox;
let support: Client;

beforeAll(async () => {
  sb = await spawnSandbox({ seed: 'large', clock: 'manual' });
  ({ support } = sandboxClients(sb));
});
afterAll(async () => {
  await sb?.stop();
});

describe('large seed', () => {
  it('loads in under 10 s (as measured by the sandbox itself)', () => {
    const ms = Number(/ready in (\d+) ms/.exec(sb.output())?.[1]);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(10_000);
  });

  it('has 1,000 tenants and one with 100,000 transactions whose newest page continues the wallet', async () => {
    const first = TenantPage.parse((await support.get('/v1/tenants?limit=500')).body);
    const second = TenantPage.parse(
      (await support.get(`/v1/tenants?limit=500&cursor=${first.next_cursor}`)).body,
    );
    expect(first.data.length + second.data.length).toBe(1_000);
    expect(second.next_cursor).toBeNull();
    const big = [...first.data, ...second.data].find((t) => t.wallet.version === 100_000);
    if (!big) throw new Error('no tenant with 100,000 transactions');
    const tenant = await getTenant(support, big.id);
    const page = TransactionPage.parse(
      (await support.get(`/v1/tenants/${big.id}/transactions?limit=500`)).body,
    );
    expect(page.data[0]?.seq).toBe(100_000);
    expect(page.data[0]?.balance_after).toBe(tenant.wallet.balance);
    for (let i = 0; i + 1 < page.data.length; i++) {
      const newer = page.data[i];
      const older = page.data[i + 1];
      expect(newer?.balance_after).toBe(
        formatCredits(parseCredits(older?.balance_after ?? '') + parseCredits(newer?.amount ?? '')),
      );
    }
    const oldest = TransactionPage.parse(
      (
        await support.get(
          `/v1/tenants/${big.id}/transactions?limit=1&until=${encodeURIComponent(page.data[0]?.created_at ?? '')}&type=top_up`,
        )
      ).body,
    );
    expect(oldest.data[0]?.type).toBe('top_up');
  });
});
