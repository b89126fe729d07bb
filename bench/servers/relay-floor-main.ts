/**
 * The floor of the ramp's workload: the least any y-websocket server on Node and `ws` can do
 * for it. It keeps no document, stores nothing, authenticates nobody and decodes nothing:
 * a sync step 1 gets an empty step 2 (the provider then counts as synced) and every other
 * message goes, as it came, to the other connections on the same path. Both participants
 * of a pair are connected before either edits, so nothing needs remembering.
 *
 * Not a server anyone should run; it answers "how much of a server's CPU is the transport
 * alone" (`npm run bench -- --only=ramp --targets=relay-floor,y-websocket`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** messageSync, syncStep2, an empty update (no structs, empty delete set), length-prefixed. */
const EMPTY_STEP2 = new Uint8Array([0, 1, 2, 0, 0]);
const SYNC = 0;
const STEP1 = 0;

const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});

wss.on('connection', (ws: WebSocket, path: string) => {
  let room = rooms.get(path);
  if (room === undefined) rooms.set(path, (room = new Set()));
  const peers = room;
  peers.add(ws);
  ws.on('message', (data: Buffer) => {
    if (data[0] === SYNC && data[1] === STEP1) {
      ws.send(EMPTY_STEP2);
      return;
    }
    for (const peer of peers) if (peer !== ws) peer.send(data);
  });
  ws.on('close', () => {
    peers.delete(ws);
    if (peers.size === 0) rooms.delete(path);
  });
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req.url ?? '/'));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
