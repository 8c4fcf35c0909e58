import { describe, expect, it } from 'vitest';
import { probeFor } from '../../../main/core/offline/offline-layer';
import type { Profile } from '../../../main/core/profiles/profile-repository';

const profile = { id: 'p', name: 'Staging', baseUrl: 'https://staging.example.test/api' } as Profile;

describe('offline probe', () => {
  it('asks the base URL outside /v1, with no token, and counts any answer but a gateway error as reachable', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    let status = 404;
    const probe = probeFor(
      () => profile,
      async (input, init) => {
        seen.push({ url: String(input), init });
        return new Response('x', { status });
      },
    );
    const signal = new AbortController().signal;
    expect(await probe(signal)).toBe(true);
    status = 401;
    expect(await probe(signal)).toBe(true);
    for (const gateway of [502, 503, 504]) {
      status = gateway;
      expect(await probe(signal)).toBe(false);
    }
    expect(seen[0]?.url).toBe('https://staging.example.test/api/');
    expect(JSON.stringify(seen.map((s) => s.init?.headers ?? null))).not.toMatch(/authorization/i);
    expect(seen.every((s) => s.init?.signal === signal)).toBe(true);
  });

  it('rejects on a network error (the detector counts that as unreachable) and is true with no profile', async () => {
    const refused = probeFor(
      () => profile,
      async () => {
        throw new TypeError('fetch failed');
      },
    );
    await expect(refused(new AbortController().signal)).rejects.toThrow('fetch failed');
    expect(await probeFor(() => null, fetch)(new AbortController().signal)).toBe(true);
  });
});
