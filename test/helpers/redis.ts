import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { lineMatching } from './wait';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  url: string;
  port: number;
  proc: ChildProcess;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function launch(port: number): Promise<ChildProcess> {
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await lineMatching(proc.stdout!, /Ready to accept connections/);
  return proc;
}

/** A private redis-server on a free port, never the machine's shared one. */
export async function startRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let proc = await launch(port);
  const stopProc = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get proc() {
      return proc;
    },
    kill: () => stopProc('SIGKILL'),
    async restart() {
      proc = await launch(port);
    },
    stop: () => stopProc('SIGTERM'),
  };
}
