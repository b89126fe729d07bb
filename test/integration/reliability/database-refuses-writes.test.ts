import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  BOARD_SAVE_NOTICE,
  PROTOCOL_VERSION,
  YJS_SAVE_NOTICE_MESSAGE,
} from '../../../shared/protocol';
import { SqlBoardStore } from '../../../server/boards/sql-board-store';
import type { Mutua } from '../../../server/app';
import { refuseWrites } from '../../helpers/database-faults';
import { createPairRoom } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';
import { tempDir } from '../../helpers/temp-dir';
import { once } from '../../helpers/wait';
import { openProvider } from '../board/board-clients';

async function storedText(mutua: Mutua, boardId: string): Promise<string> {
  const log = await new SqlBoardStore(mutua.store).load(boardId);
  const doc = new Y.Doc();
  for (const update of log!.updates) Y.applyUpdate(doc, update);
  return doc.getText('notes').toString();
}

/** A provider that speaks our protocol version and records the save notices it hears. */
function client(server: TestServer, boardId: string, token: string, doc = new Y.Doc()) {
  const opened = openProvider(server.url, boardId, token, doc, {
    params: { protocol: String(PROTOCOL_VERSION) },
  });
  const notices: number[] = [];
  listenForNotices(opened.provider, notices);
  return { ...opened, notices, text: doc.getText('notes') };
}

function listenForNotices(provider: WebsocketProvider, notices: number[]) {
  provider.messageHandlers[YJS_SAVE_NOTICE_MESSAGE] = (_encoder, decoder) => {
    notices.push(decoding.readVarUint(decoder));
  };
}

const data = tempDir();
let servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers) await server.stop({ keepData: true });
  servers = [];
});

describe('a database that refuses writes', () => {
  it('makes the board say "not saved", keeps the edits, and stores and relays them once writes succeed', async () => {
    const server = await startServer({}, data.path);
    servers.push(server);
    const { boardId, a, b } = await createPairRoom(server.mutua);
    const amina = client(server, boardId, a.token);
    const sofia = client(server, boardId, b.token);
    await Promise.all([once(amina.provider, 'sync'), once(sofia.provider, 'sync')]);

    await refuseWrites(server.mutua, true);
    amina.text.insert(0, 'Export plan for Dakar');
    // Both hear that the board is not being saved; nothing unstored reaches Sofía.
    await expect.poll(() => amina.notices).toEqual([BOARD_SAVE_NOTICE.notSaved]);
    await expect.poll(() => sofia.notices).toEqual([BOARD_SAVE_NOTICE.notSaved]);
    expect(sofia.text.toString()).toBe('');
    expect(await storedText(server.mutua, boardId)).toBe('');
    // Sofía keeps working too; her edit joins the ones waiting to be stored.
    sofia.text.insert(0, 'Lesson: ');

    await refuseWrites(server.mutua, false);
    await expect
      .poll(() => amina.notices)
      .toEqual([BOARD_SAVE_NOTICE.notSaved, BOARD_SAVE_NOTICE.stored]);
    await expect.poll(() => sofia.text.toString()).toBe(amina.text.toString());
    expect(amina.text.toString()).toContain('Export plan for Dakar');
    expect(amina.text.toString()).toContain('Lesson: ');
    expect(await storedText(server.mutua, boardId)).toBe(amina.text.toString());
    amina.provider.destroy();
    sofia.provider.destroy();
  });

  it('loses nothing when the server stops while writes fail: her browser brings the edit back to the next server', async () => {
    const first = await startServer({}, data.path);
    servers.push(first);
    const { boardId, a } = await createPairRoom(first.mutua);
    const doc = new Y.Doc();
    const amina = client(first, boardId, a.token, doc);
    await once(amina.provider, 'sync');

    await refuseWrites(first.mutua, true);
    amina.text.insert(0, 'Written during the outage');
    await expect.poll(() => amina.notices).toEqual([BOARD_SAVE_NOTICE.notSaved]);
    amina.provider.destroy();
    servers = [];
    await first.stop({ keepData: true });

    // A new process on the same data (writable again); the same document reconnects.
    const second = await startServer({}, data.path);
    servers.push(second);
    expect(await storedText(second.mutua, boardId)).toBe('');
    const again = client(second, boardId, a.token, doc);
    await once(again.provider, 'sync');
    await expect.poll(() => storedText(second.mutua, boardId)).toBe('Written during the outage');
    expect(again.notices).toEqual([]);
    again.provider.destroy();
  });

  it('still lets a signed-in person reconnect while the database is read-only', async () => {
    const server = await startServer({}, data.path);
    servers.push(server);
    const { boardId, a } = await createPairRoom(server.mutua);
    await refuseWrites(server.mutua, true);
    const amina = client(server, boardId, a.token);
    await once(amina.provider, 'sync');
    expect(amina.provider.wsconnected).toBe(true);
    await refuseWrites(server.mutua, false);
    amina.provider.destroy();
  });
});
