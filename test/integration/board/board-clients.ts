import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

// Each Node provider listens for process exit; ten of them are expected here.
process.setMaxListeners(64);

/** A stock y-websocket provider in Node, authenticated with a personal API token. */
export function openProvider(
  baseUrl: string,
  boardId: string,
  token: string | null,
  doc = new Y.Doc(),
  options: { connect?: boolean; params?: Record<string, string>; backoffMs?: number } = {},
) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/yjs', boardId, doc, {
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string) {
        super(url, { headers });
      }
    } as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    params: options.params ?? {},
    maxBackoffTime: options.backoffMs ?? 300,
  });
  return { doc, provider };
}
