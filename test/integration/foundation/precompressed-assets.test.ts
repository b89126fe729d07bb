import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let entry: string;

beforeAll(async () => {
  server = await startServer();
  const html = await (await fetch(`${server.url}/`)).text();
  entry = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
});
afterAll(() => server?.stop());

/** The raw answer, undecoded (fetch would decode it). */
function get(path: string, acceptEncoding: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(`${server.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    },
  );
}

describe('hashed assets, compressed at build time', () => {
  it('sends the Brotli copy to a browser that accepts it: same script, fewer bytes, cached for a year', async () => {
    const plain = await get(entry, 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get(entry, 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    // Smaller than what on-the-fly gzip makes of it.
    const gzip = await get(entry, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(gzip.body.length);
  });

  it('answers a missing asset with 404 and a path out of the folder with 403, never a file', async () => {
    const missing = await get('/assets/not-built-abc123.js', 'br');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString())).toMatchObject({ code: 'not_found' });
    const escaping = await get('/assets/..%2f..%2fpackage.json', 'br');
    expect(escaping.status).toBe(403);
    expect(escaping.headers['content-encoding']).toBeUndefined();
    expect(escaping.body.toString()).not.toContain('"dependencies"');
  });
});
