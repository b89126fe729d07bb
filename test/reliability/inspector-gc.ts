import WebSocket from 'ws';
import { lineMatching } from '../helpers/wait';

/** Environment that opens the V8 inspector of a spawned server on a free local port. */
export const INSPECTOR_ENV = { NODE_OPTIONS: '--inspect=127.0.0.1:0' };

/** The inspector address a process printed when it started with INSPECTOR_ENV. */
export async function inspectorUrl(stderr: NodeJS.ReadableStream, seen: string): Promise<string> {
  const pattern = /Debugger listening on (ws:\/\/\S+)/;
  const match = pattern.exec(seen) ?? (await lineMatching(stderr, pattern));
  return match[1]!;
}

/**
 * Asks the process for a full garbage collection through the inspector protocol, as the
 * "Collect garbage" button of DevTools does, and resolves once it is done. Memory read
 * afterwards is what the process retains, not garbage that V8 has not collected yet.
 */
export async function collectGarbage(url: string): Promise<void> {
  const ws = new WebSocket(url);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const reply = JSON.parse(data.toString()) as { id?: number; error?: { message: string } };
        if (reply.id !== 1) return;
        if (reply.error) reject(new Error(reply.error.message));
        else resolve();
      });
      ws.once('error', reject);
      ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    });
  } finally {
    ws.close();
  }
}
