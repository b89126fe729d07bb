/**
 * Just enough of the V8 inspector protocol to weigh a server's live memory: a full garbage
 * collection, then `process.memoryUsage()`. RSS alone also counts what the collector has not
 * returned yet (the young generation grows to its maximum under load whatever the number of
 * rooms), which made the per-room figures an upper bound; the heap after a full GC is not.
 */
import fs from 'node:fs';
import WebSocket from 'ws';

export interface LiveMemory {
  /** JS heap in use after a full GC (bytes). */
  heapUsed: number;
  /** Memory of C++ objects bound to JS, including Buffers and ArrayBuffers (bytes). */
  external: number;
}

/** The inspector URL a process started with `--inspect=127.0.0.1:0` printed. */
export const INSPECTOR_URL = /Debugger listening on (ws:\/\/\S+)/;

/**
 * `snapshotTo`: also write a heap snapshot there (after the same full GC), for
 * `bench/lib/heap-diff.ts` to compare two points by constructor.
 */
export async function liveMemory(url: string, snapshotTo?: string): Promise<LiveMemory> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as {
          id?: number;
          result?: unknown;
          error?: unknown;
        };
        if (message.id !== id) return;
        ws.off('message', onMessage);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        else resolve(message.result);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const result = (await call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result: { value: string } };
    const usage = JSON.parse(result.result.value) as { heapUsed: number; external: number };
    if (snapshotTo !== undefined) {
      const file = fs.openSync(snapshotTo, 'w');
      const onChunk = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as {
          method?: string;
          params?: { chunk: string };
        };
        if (message.method === 'HeapProfiler.addHeapSnapshotChunk') {
          fs.writeSync(file, message.params!.chunk);
        }
      };
      ws.on('message', onChunk);
      try {
        await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      } finally {
        ws.off('message', onChunk);
        fs.closeSync(file);
      }
    }
    return { heapUsed: usage.heapUsed, external: usage.external };
  } finally {
    ws.close();
  }
}
