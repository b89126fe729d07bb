import { once } from 'node:events';
import net from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** A server → client message, decoded for assertions. */
export type ServerMessage =
  | { kind: 'sync-step-1'; payload: Uint8Array }
  | { kind: 'sync-step-2'; payload: Uint8Array }
  | { kind: 'update'; payload: Uint8Array }
  | { kind: 'awareness'; payload: Uint8Array }
  | { kind: 'other'; payload: Uint8Array };

export function describeMessage(data: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === 1) return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
  if (type !== 0) return { kind: 'other', payload: data };
  const syncType = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  const kinds = ['sync-step-1', 'sync-step-2', 'update'] as const;
  const kind = kinds[syncType];
  return kind === undefined ? { kind: 'other', payload: data } : { kind, payload };
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Client → server wire messages, written by hand for protocol-level tests. */
export const wire = {
  syncStep1: (stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())) =>
    encode((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, stateVector);
    }),
  syncStep2: (update: Uint8Array) =>
    encode((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, update);
    }),
  update: (update: Uint8Array) =>
    encode((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    }),
  awareness: (entries: Array<{ clientId: number; clock: number; state: unknown }>) =>
    encode((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(
        e,
        encode((inner) => {
          encoding.writeVarUint(inner, entries.length);
          for (const entry of entries) {
            encoding.writeVarUint(inner, entry.clientId);
            encoding.writeVarUint(inner, entry.clock);
            encoding.writeVarString(inner, JSON.stringify(entry.state));
          }
        }),
      );
    }),
  queryAwareness: () => encode((e) => encoding.writeVarUint(e, 3)),
};

/** An update that inserts `content` into the text `text` of a fresh document. */
export function textUpdate(content: string, clientId = 1_000 + Math.floor(Math.random() * 1e6)) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText('text').insert(0, content);
  return Y.encodeStateAsUpdate(doc);
}

/** A plain `ws` client that records every message and the close it received. */
export class RawClient {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.messages.push(describeMessage(new Uint8Array(data))));
    ws.on('error', () => {});
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  static async connect(url: string, options: { autoPong?: boolean } = {}): Promise<RawClient> {
    const ws = new WebSocket(url, { autoPong: options.autoPong ?? true });
    const client = new RawClient(ws);
    await once(ws, 'open');
    return client;
  }

  send(data: Uint8Array | string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  /**
   * Resolves after a ping/pong round trip. TCP keeps order, so every message the server
   * sent before answering our ping has been received, and every frame we sent before it
   * has been read by the server.
   */
  async roundTrip(): Promise<void> {
    const pong = once(this.ws, 'pong');
    this.ws.ping();
    await pong;
  }

  ofKind<K extends ServerMessage['kind']>(kind: K): Array<Extract<ServerMessage, { kind: K }>> {
    return this.messages.filter(
      (message): message is Extract<ServerMessage, { kind: K }> => message.kind === kind,
    );
  }

  terminate(): void {
    this.ws.terminate();
  }
}

/**
 * Sends a WebSocket upgrade request over a plain TCP socket and returns every byte the
 * server wrote until it closed the socket.
 */
export async function rawUpgrade(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<Buffer> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'close');
  return Buffer.concat(chunks);
}
