import type { Socket } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

/**
 * Lets the stock y-websocket provider talk to Hocuspocus 3, so every server is driven by
 * the same client. Hocuspocus multiplexes documents on one socket: each frame starts with
 * the document name, and a document's first message must be an auth message (type 2,
 * subtype 0 "token"). This shim sends that message on open, prefixes every outgoing frame
 * with the name and strips it from incoming ones. Frames the stock provider has no handler
 * for (auth replies, sync status) are dropped, as @hocuspocus/provider consumes them.
 */
export class HocuspocusSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  readonly OPEN = 1;
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private readonly ws: WebSocket;
  private readonly documentName: string;

  /** A polyfill class whose sockets report their TCP socket to `onSocket`. */
  static withCounter(onSocket?: (socket: Socket) => void): typeof globalThis.WebSocket {
    return class extends HocuspocusSocket {
      constructor(url: string) {
        super(url, onSocket);
      }
    } as unknown as typeof globalThis.WebSocket;
  }

  constructor(url: string, onSocket?: (socket: Socket) => void) {
    const parsed = new URL(url);
    this.documentName = decodeURIComponent(parsed.pathname.split('/').pop() ?? '');
    this.ws = new WebSocket(`${parsed.protocol}//${parsed.host}/`);
    this.ws.binaryType = 'arraybuffer';
    if (onSocket) this.ws.once('upgrade', (res) => onSocket(res.socket));
    this.ws.on('open', () => {
      const auth = encoding.createEncoder();
      encoding.writeVarString(auth, this.documentName);
      encoding.writeVarUint(auth, 2); // auth
      encoding.writeVarUint(auth, 0); // token
      encoding.writeVarString(auth, 'bench');
      this.ws.send(encoding.toUint8Array(auth));
      this.onopen?.();
    });
    this.ws.on('message', (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      const decoder = decoding.createDecoder(bytes);
      decoding.readVarString(decoder);
      const start = decoder.pos;
      const type = decoding.readVarUint(decoder);
      // 0 sync, 1 awareness, 3 query awareness: what the stock provider understands.
      if (type === 0 || type === 1 || type === 3) {
        this.onmessage?.({ data: bytes.slice(start).buffer });
      }
    });
    this.ws.on('close', (code, reason) => this.onclose?.({ code, reason: reason.toString() }));
    this.ws.on('error', (err) => this.onerror?.(err));
  }

  get readyState(): number {
    return this.ws.readyState;
  }

  send(data: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.documentName);
    encoding.writeUint8Array(encoder, data);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  close(): void {
    this.ws.close();
  }
}
