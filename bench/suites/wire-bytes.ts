import type { Socket } from 'node:net';
import * as Y from 'yjs';
import { sleep, waitUntil } from '../lib/stats';
import { startTarget, type TargetName } from '../servers/targets';

export interface WireBytesResult {
  target: TargetName;
  characters: number;
  /** Raw Yjs updates the typing produced, per character. */
  rawUpdatePerChar: number;
  /** Raw update + y-protocols header (type, sync type, length) + WebSocket frame header. */
  referenceUpPerChar: number;
  referenceDownPerChar: number;
  /** TCP payload bytes (WebSocket frames) the typist sent and her partner received. */
  sentPerChar: number;
  receivedPerChar: number;
}

const varUintSize = (n: number) => (n < 128 ? 1 : n < 16384 ? 2 : 3);
const wsHeader = (n: number, masked: boolean) =>
  (n < 126 ? 2 : n < 65536 ? 4 : 10) + (masked ? 4 : 0);

/** Types `characters` characters one transaction each, and counts the bytes on both sockets. */
export async function wireBytes(name: TargetName, characters: number): Promise<WireBytesResult> {
  const target = await startTarget(name, 1);
  const room = target.rooms[0]!;
  const sockets: Socket[] = [];
  const typistDoc = new Y.Doc();
  const partnerDoc = new Y.Doc();
  const typist = target.openBoard(room, 0, typistDoc, (s) => (sockets[0] = s));
  const partner = target.openBoard(room, 1, partnerDoc, (s) => (sockets[1] = s));
  try {
    await waitUntil(() => typist.synced && partner.synced, 20_000);
    await sleep(500);
    const up = sockets[0];
    const down = sockets[1];
    if (!up || !down) throw new Error(`${name}: no sockets`);
    let raw = 0;
    let refUp = 0;
    let refDown = 0;
    typistDoc.on('update', (update: Uint8Array) => {
      raw += update.length;
      const message = 2 + varUintSize(update.length) + update.length;
      refUp += message + wsHeader(message, true);
      refDown += message + wsHeader(message, false);
    });
    const sent0 = up.bytesWritten;
    const received0 = down.bytesRead;
    const text = typistDoc.getText('card');
    const phrase = 'Nous vendons des tissus tissés à Thiès et à Montréal. ';
    for (let i = 0; i < characters; i++) {
      text.insert(text.length, phrase[i % phrase.length] ?? ' ');
      await sleep(10);
    }
    await waitUntil(() => partnerDoc.getText('card').length === characters, 10_000);
    await sleep(200);
    return {
      target: name,
      characters,
      rawUpdatePerChar: raw / characters,
      referenceUpPerChar: refUp / characters,
      referenceDownPerChar: refDown / characters,
      sentPerChar: (up.bytesWritten - sent0) / characters,
      receivedPerChar: (down.bytesRead - received0) / characters,
    };
  } finally {
    typist.destroy();
    partner.destroy();
    await target.stop();
  }
}
