/** Hocuspocus 3.4 in memory (no extensions), as its own process; prints its port. */
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: true });
await server.listen();
process.stdout.write(`listening on ${server.address.port}\n`);
