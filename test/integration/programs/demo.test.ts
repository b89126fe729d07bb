import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { authRoutes, matchingRoutes, roomRoutes } from '../../../shared/api';
import { readBoard } from '../../../shared/board';
import { SqlBoardStore } from '../../../server/boards/sql-board-store';
import { api } from '../../helpers/api';
import { startServer } from '../../helpers/server';
import { tempDir } from '../../helpers/temp-dir';

const data = tempDir();
afterAll(() => data.remove());

async function signIn(url: string, email: string, password: string) {
  const res = await api(url, authRoutes.signIn, { body: { email, password } });
  return {
    status: res.status,
    cookie: /mutua_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '',
  };
}

describe('the demo program', () => {
  it('is never seeded without the flag', async () => {
    const server = await startServer();
    expect(server.mutua.demo).toBeNull();
    expect(await server.mutua.store.db.selectFrom('programs').select('id').execute()).toEqual([]);
    await server.stop();
  });

  it('with the flag, seeds people in three countries with rooms and boards in progress, once', async () => {
    const server = await startServer({ MUTUA_DEMO: '1' }, data.path);
    const demo = server.mutua.demo!;
    expect(demo.people.map((p) => p.email)).toContain('claire.tremblay@demo.example');
    const claire = await signIn(server.url, 'claire.tremblay@demo.example', demo.password);
    expect(claire.status).toBe(200);
    const rooms = await api(server.url, roomRoutes.listMyRooms, { cookie: claire.cookie });
    expect(rooms.body.rooms.map((r) => r.title)).toEqual(['Claire & Awa']);
    const log = await new SqlBoardStore(server.mutua.store).load(rooms.body.rooms[0]!.boardId!);
    const doc = new Y.Doc();
    for (const update of log!.updates) Y.applyUpdate(doc, update);
    const board = readBoard(doc);
    expect(board.meta.title).toBe('Claire & Awa');
    expect(JSON.stringify(board)).toContain('Calculer le coût complet');

    const mariam = await signIn(server.url, 'mariam.ba@demo.example', demo.password);
    const programId = rooms.body.rooms[0]!.programId;
    const suggestions = await api(server.url, matchingRoutes.suggestPairs, {
      cookie: mariam.cookie,
      params: { programId },
    });
    expect(suggestions.body.incomplete).toEqual([]);
    expect(suggestions.body.pairs.length).toBeGreaterThanOrEqual(2);
    await server.stop({ keepData: true });

    const again = await startServer({ MUTUA_DEMO: '1' }, data.path);
    expect(
      await again.mutua.store.db
        .selectFrom('programs')
        .select('id')
        .where('is_demo', '=', 1)
        .execute(),
    ).toHaveLength(1);
    expect((await signIn(again.url, 'claire.tremblay@demo.example', demo.password)).status).toBe(
      401,
    );
    expect(
      (await signIn(again.url, 'claire.tremblay@demo.example', again.mutua.demo!.password)).status,
    ).toBe(200);
    await again.stop({ keepData: true });
  });
});
