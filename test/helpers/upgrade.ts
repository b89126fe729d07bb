import WebSocket from 'ws';

/**
 * Opens a raw WebSocket and reports how the server answered the upgrade: 101 when it
 * opened, else the HTTP status of the refusal, with the number of frames received.
 */
export function rawUpgrade(baseUrl: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; frames: number }>((resolve) => {
    const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}${path}`, { headers });
    let frames = 0;
    ws.on('message', () => (frames += 1));
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, frames }));
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, frames });
    });
    ws.on('error', () => undefined);
  });
}
