/**
 * Sandbox throughput and latency (not a test; run it by hand):
 *
 *   npx tsx bench/sandbox-throughput.ts
 *
 * Measures, against a real sandbox process over loopback HTTP:
 *   - wallet adjustments per second with unique Idempotency-Keys (each a full
 *     SQLite transaction: idempotency lookup, If-Match, ledger insert + wallet
 *     triggers, idempotency record, audit entry), sequential and 4 concurrent clients;
 *   - GET transaction pages per second (limit 50 and 500, newest first, keyset paging);
 * and prints them beside a baseline measured in the same run: a plain Node
 * http server (separate process) answering a pre-built JSON body of the same
 * size as the page, and JSON.parse of that page in this process.
 * Loops are bounded; everything stays on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSandbox } from '../test/sandbox/support/spawn-sandbox';

const ADJUSTMENTS = 1_500;
const CONCURRENT_ADJUSTMENTS = 1_500;
const CONCURRENCY = 4;
const PAGE_GETS = 1_000;
const WARMUP = 100;

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

interface HttpResult {
  status: number;
  body: string;
}

function http(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

interface Stats {
  count: number;
  seconds: number;
  perSecond: number;
  medianMs: number;
  p95Ms: number;
}

function stats(latencies: number[], seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    medianMs: at(0.5),
    p95Ms: at(0.95),
  };
}

/** Runs `total` calls of `once` on `workers` concurrent loops; returns throughput and per-call latency. */
async function measure(
  total: number,
  workers: number,
  once: (worker: number) => Promise<void>,
): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (next < total) {
        next += 1;
        const t0 = performance.now();
        await once(worker);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return stats(latencies, (performance.now() - started) / 1000);
}

function row(label: string, s: Stats): string {
  return `${label.padEnd(58)} ${s.perSecond.toFixed(0).padStart(8)}/s   median ${s.medianMs.toFixed(2).padStart(6)} ms   p95 ${s.p95Ms.toFixed(2).padStart(6)} ms   (n=${s.count})`;
}

async function startBaselineServer(bodyFile: string): Promise<{ url: string; stop: () => void }> {
  const code = `
    const body = require('node:fs').readFileSync(process.env.BODY_FILE);
    const server = require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, '127.0.0.1', () => console.log('BASELINE_READY ' + server.address().port));
  `;
  const child = spawn(process.execPath, ['-e', code], {
    env: { ...process.env, BODY_FILE: bodyFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /BASELINE_READY (\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (status) => reject(new Error(`baseline server exited ${status}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  console.log(
    `sandbox throughput — node ${process.version}, ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'})`,
  );
  const sb = await spawnSandbox({ seed: 'demo', clock: 'real', validateResponses: false });
  const scratch = mkdtempSync(join(tmpdir(), 'mm-bench-'));
  try {
    const auth = { authorization: `Bearer ${sb.adminToken}` };
    const json = { ...auth, 'content-type': 'application/json' };

    const newTenant = async (name: string): Promise<string> => {
      const res = await http(
        `${sb.url}/sandbox/tenants`,
        'POST',
        json,
        JSON.stringify({ name, status: 'active' }),
      );
      return (JSON.parse(res.body) as { id: string }).id;
    };
    const adjuster = async (tenantId: string) => {
      let version = 0;
      return async () => {
        const res = await http(
          `${sb.url}/v1/admin/tenants/${tenantId}/wallet/adjustments`,
          'POST',
          { ...json, 'idempotency-key': randomUUID(), 'if-match': `"${version}"` },
          JSON.stringify({ kind: 'top_up', amount: '1.25', reason: 'benchmark' }),
        );
        if (res.status !== 201) throw new Error(`adjustment answered ${res.status}: ${res.body}`);
        version = (JSON.parse(res.body) as { wallet: { version: number } }).wallet.version;
      };
    };

    // Adjustments, one client.
    const single = await adjuster(await newTenant('bench sequential'));
    for (let i = 0; i < WARMUP; i++) await single();
    const sequential = await measure(ADJUSTMENTS, 1, () => single());
    // Adjustments, several clients on their own tenants (If-Match serialises writers per wallet).
    const workers = await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => adjuster(await newTenant(`bench ${i}`))),
    );
    const concurrent = await measure(CONCURRENT_ADJUSTMENTS, CONCURRENCY, (w) =>
      (workers[w] as () => Promise<void>)(),
    );

    // Transaction pages of the demo's busiest tenant.
    const tenants = JSON.parse((await http(`${sb.url}/v1/tenants?q=Acme`, 'GET', auth)).body) as {
      data: { id: string }[];
    };
    const acme = tenants.data[0]?.id;
    if (!acme) throw new Error('demo tenant missing');
    const pages: Record<number, { stats: Stats; body: string }> = {};
    for (const limit of [50, 500]) {
      const url = `${sb.url}/v1/tenants/${acme}/transactions?limit=${limit}`;
      let body = '';
      for (let i = 0; i < WARMUP; i++) body = (await http(url, 'GET', auth)).body;
      const s = await measure(PAGE_GETS, 1, async () => {
        const res = await http(url, 'GET', auth);
        if (res.status !== 200) throw new Error(`page answered ${res.status}`);
      });
      pages[limit] = { stats: s, body };
    }

    // Baselines: the same bytes from a plain Node http server, and JSON.parse of them.
    const baselines: Record<number, Stats> = {};
    const parses: Record<number, Stats> = {};
    for (const limit of [50, 500]) {
      const body = pages[limit]?.body ?? '';
      const file = join(scratch, `page-${limit}.json`);
      writeFileSync(file, body);
      const server = await startBaselineServer(file);
      try {
        for (let i = 0; i < WARMUP; i++) await http(server.url, 'GET', auth);
        baselines[limit] = await measure(PAGE_GETS, 1, async () => {
          await http(server.url, 'GET', auth);
        });
      } finally {
        server.stop();
      }
      const parseRuns = 2_000;
      const latencies: number[] = [];
      const started = performance.now();
      for (let i = 0; i < parseRuns; i++) {
        const t0 = performance.now();
        JSON.parse(body);
        latencies.push(performance.now() - t0);
      }
      parses[limit] = stats(latencies, (performance.now() - started) / 1000);
    }

    console.log('');
    console.log(row('POST adjustment (top_up, unique key), 1 client', sequential));
    console.log(row(`POST adjustment (top_up, unique key), ${CONCURRENCY} clients`, concurrent));
    for (const limit of [50, 500]) {
      const size = Buffer.byteLength(pages[limit]?.body ?? '');
      console.log(
        row(
          `GET transactions page limit=${limit} (${(size / 1024).toFixed(0)} KiB), 1 client`,
          pages[limit]?.stats as Stats,
        ),
      );
      console.log(
        row(
          `  baseline: plain node:http, same ${(size / 1024).toFixed(0)} KiB body`,
          baselines[limit] as Stats,
        ),
      );
      console.log(row(`  baseline: JSON.parse of that page (in process)`, parses[limit] as Stats));
    }
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    console.log(
      `\n${cpus().length} cores (load average ${load}); the sandbox, the baseline server and this client share them.`,
    );
  } finally {
    agent.destroy();
    rmSync(scratch, { recursive: true, force: true });
    await sb.stop();
  }
}

await main();
