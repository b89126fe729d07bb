import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let document: Record<string, unknown>;

beforeAll(async () => {
  server = await startServer();
  const res = await fetch(`${server.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  document = (await res.json()) as Record<string, unknown>;
});
afterAll(() => server.stop());

type Operation = { security?: unknown[]; operationId: string };

function operations() {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
}

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3.1 with a real validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes the health, setup and sign-in routes, with public ones marked security: []', () => {
    const byId = new Map(operations().map((o) => [o.op.operationId, o]));
    for (const id of ['getHealth', 'getReadiness', 'completeSetup', 'signIn']) {
      expect(byId.get(id)?.op.security, id).toEqual([]);
    }
    expect(byId.get('getMe')?.op.security).toBeUndefined();
  });

  it('every path not marked public answers 401 without credentials', async () => {
    const guarded = operations().filter(
      ({ op }) => !Array.isArray(op.security) || op.security.length > 0,
    );
    expect(guarded.length).toBeGreaterThan(3);
    for (const { path, method } of guarded) {
      const concrete = path.replace(/\{[^}]+\}/g, 'AAAAAAAAAAAA');
      const res = await fetch(`${server.url}${concrete}`, {
        method: method.toUpperCase(),
        headers: { 'content-type': 'application/json', origin: server.origin },
        body: method === 'get' ? undefined : '{}',
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('unauthenticated');
    }
  });
});
