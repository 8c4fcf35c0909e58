import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventHub } from '../core/events/event-hub';
import type { Dispatch } from '../core/ipc/dispatcher';
import { resolveAsset } from '../core/window/asset-resolver';
import { CONTENT_SECURITY_POLICY } from '../core/window/content-security-policy';

const COOKIE = 'operator_webhost';
const BRIDGE_PATH = '/__bridge/operator.js';
const EVENTS_PATH = '/__bridge/events';
/** SSE comment lines keep idle connections from being closed by anything in between. */
const KEEPALIVE_MS = 15_000;
const MAX_BODY_BYTES = 1024 * 1024;

export type WebHost = { url: string; loginUrl: string; close(): Promise<void> };

/**
 * Serves the built renderer and the main core to a browser on loopback only.
 * Used by end-to-end tests and by `npm run start:web` on machines that cannot
 * run Electron. Trust model: a per-run secret (presented once in the login URL,
 * then kept in an HttpOnly SameSite=Strict cookie) plus an exact Origin check
 * on every bridge call, so other local pages and processes cannot drive it.
 */
export async function startWebHost(input: {
  rendererDir: string;
  bridgeScript: string;
  dispatch: Dispatch;
  /** Main → browser events, delivered as Server-Sent Events on the same origin. */
  events?: EventHub;
  port?: number;
  /**
   * Receives every bridge response and event exactly as sent to the browser.
   * The end-to-end stack writes it to a file in the data dir, so its token
   * sweep covers what the renderer was given, not only what main wrote down.
   */
  transcript?: (line: string) => void;
}): Promise<WebHost> {
  const secret = randomBytes(32).toString('base64url');
  let origin = '';

  const hasSession = (req: IncomingMessage): boolean => {
    const cookie = (req.headers.cookie ?? '')
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${COOKIE}=`));
    if (!cookie) return false;
    const presented = Buffer.from(cookie.slice(COOKIE.length + 1));
    const expected = Buffer.from(secret);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/__login') {
      if (url.searchParams.get('secret') !== secret) return deny(res, 403, 'Wrong or missing secret.');
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
      });
      res.end();
      return;
    }
    if (!hasSession(req)) return deny(res, 401, 'Open the login URL printed by the web host.');

    if (url.pathname.startsWith('/__bridge/invoke/')) {
      if (req.method !== 'POST') return deny(res, 405, 'POST only.');
      const sameOrigin = req.headers.origin === origin;
      const channel = decodeURIComponent(url.pathname.slice('/__bridge/invoke/'.length));
      const args = await readJson(req);
      if (args === TOO_LARGE) return deny(res, 413, 'Request too large.');
      const envelope = await input.dispatch(channel, args, {
        trusted: sameOrigin,
        description: `web host client, origin ${req.headers.origin ?? 'none'}`,
      });
      const body = JSON.stringify(envelope);
      input.transcript?.(`bridge ${channel} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(body);
      return;
    }
    if (url.pathname === EVENTS_PATH) {
      // EventSource sends no Origin on same-origin requests; the cookie is the
      // credential here, and a foreign Origin is refused outright.
      if (req.headers.origin !== undefined && req.headers.origin !== origin)
        return deny(res, 403, 'Wrong origin.');
      if (!input.events) return deny(res, 404, 'No events.');
      openEventStream(res, input.events, input.transcript);
      return;
    }
    if (url.pathname === BRIDGE_PATH) {
      return send(res, 200, 'text/javascript; charset=utf-8', input.bridgeScript);
    }
    const asset = resolveAsset(input.rendererDir, url.pathname);
    if (!asset) return deny(res, 404, 'Not found.');
    let body: Buffer;
    try {
      body = await readFile(asset.file);
    } catch {
      return deny(res, 404, 'Not found.');
    }
    if (asset.mime.startsWith('text/html')) {
      // The bridge must be defined before the renderer's module script runs.
      const html = body
        .toString('utf8')
        .replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`);
      return send(res, 200, asset.mime, html);
    }
    return send(res, 200, asset.mime, body);
  }

  await new Promise<void>((resolveListen) => server.listen(input.port ?? 0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    loginUrl: `${origin}/__login?secret=${secret}`,
    close: () =>
      new Promise((resolveClose) => {
        // Event streams never end on their own; without this, close() would wait forever.
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

function openEventStream(
  res: ServerResponse,
  events: EventHub,
  transcript: ((line: string) => void) | undefined,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = events.subscribe((name, payload) => {
    const data = JSON.stringify({ name, payload });
    transcript?.(`event ${data}`);
    res.write(`data: ${data}\n\n`);
  });
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  res.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
  });
}

const TOO_LARGE = Symbol('too large');

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function deny(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'text/plain; charset=utf-8', message);
}
