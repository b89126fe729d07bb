import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';
import { metric, readMetrics } from '../../helpers/metrics';
import { createPairRoom } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';
import { once } from '../../helpers/wait';
import { openProvider } from '../board/board-clients';
import { connectAs, ok } from '../live/live-helpers';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
let server: TestServer;

beforeAll(async () => {
  // A short unload delay: the board leaves memory soon after its last connection.
  server = await startServer({ METRICS_TOKEN: TOKEN, BOARD_UNLOAD_AFTER_MS: '200' });
});
afterAll(() => server.stop());

const scrape = (headers: Record<string, string> = {}) =>
  fetch(`${server.url}/metrics`, { headers });

describe('the operator metrics endpoint', () => {
  it('does not exist (404) on a server without METRICS_TOKEN', async () => {
    const plain = await startServer();
    try {
      const res = await fetch(`${plain.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(404);
    } finally {
      await plain.stop();
    }
  });

  it('answers 401 without a token, with another token, or with a person’s API token', async () => {
    const { a } = await createPairRoom(server.mutua);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Bearer ${a.token}` },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const res = await scrape(headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('unauthenticated');
    }
  });

  it('serves the Prometheus text format, never cached', async () => {
    const res = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toMatch(/^# HELP process_resident_memory_bytes .+\n# TYPE \S+ gauge\n/);
    for (const line of text.trimEnd().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) [a-z0-9_]+ .+|[a-z0-9_]+ \d+(\.\d+)?(e[-+]\d+)?)$/);
    }
  });

  it('counts a board and connections while a real provider and socket are open, and none once they leave', async () => {
    const { roomId, boardId, a, b } = await createPairRoom(server.mutua);
    const before = await readMetrics(server.url, TOKEN);
    expect(metric(before, 'process_resident_memory_bytes')).toBeGreaterThan(20e6);
    expect(metric(before, 'process_resident_memory_bytes')).toBeLessThan(4e9);
    expect(metric(before, 'nodejs_heap_used_bytes')).toBeGreaterThan(5e6);
    expect(metric(before, 'nodejs_heap_used_bytes')).toBeLessThan(
      metric(before, 'process_resident_memory_bytes'),
    );
    // stdin/stdout/stderr, the database and its WAL, the listening socket at least.
    expect(metric(before, 'process_open_fds')).toBeGreaterThan(5);
    expect(metric(before, 'nodejs_eventloop_delay_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(metric(before, 'nodejs_eventloop_delay_p99_seconds')).toBeLessThan(5);
    expect(metric(before, 'mutua_boards_loaded')).toBe(0);
    expect(metric(before, 'mutua_yjs_connections')).toBe(0);
    expect(metric(before, 'mutua_socketio_connections')).toBe(0);
    expect(metric(before, 'mutua_live_rooms')).toBe(0);

    const { doc, provider } = openProvider(server.url, boardId, a.token);
    await once(provider, 'sync');
    const socket = await connectAs(server, b);
    await ok(socket, 'room:join', { roomId });
    const open = await readMetrics(server.url, TOKEN);
    expect(metric(open, 'mutua_boards_loaded')).toBe(1);
    expect(metric(open, 'mutua_yjs_connections')).toBe(1);
    expect(metric(open, 'mutua_socketio_connections')).toBe(1);
    expect(metric(open, 'mutua_live_rooms')).toBe(1);
    expect(metric(open, 'process_open_fds')).toBeGreaterThanOrEqual(
      metric(before, 'process_open_fds') + 2,
    );

    provider.destroy();
    doc.destroy();
    socket.close();
    const figure = async (name: string) => metric(await readMetrics(server.url, TOKEN), name);
    await expect.poll(() => figure('mutua_yjs_connections')).toBe(0);
    await expect.poll(() => figure('mutua_socketio_connections')).toBe(0);
    await expect.poll(() => figure('mutua_live_rooms')).toBe(0);
    await expect.poll(() => figure('mutua_boards_loaded')).toBe(0);
  });

  it('names no person, room, board or message in what it reports', async () => {
    const { roomId, boardId, a } = await createPairRoom(server.mutua);
    const socket = await connectAs(server, a);
    await ok(socket, 'room:join', { roomId });
    await ok(socket, 'chat:send', { roomId, text: 'A secret plan' });
    const { doc, provider } = openProvider(server.url, boardId, a.token);
    await once(provider, 'sync');
    const text = await (await scrape({ authorization: `Bearer ${TOKEN}` })).text();
    for (const secret of [roomId, boardId, a.userId, a.email, a.displayName, 'secret']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/\{/); // no labels at all
    provider.destroy();
    doc.destroy();
    socket.close();
  });

  it('refuses to start with a METRICS_TOKEN shorter than 32 characters', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'too-short' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: 'too-short' })).toThrow(/METRICS_TOKEN: expected/);
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
  });
});
