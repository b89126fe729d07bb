import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createMutua, type Mutua } from '../../server/app';
import { createYjsEndpoint } from '../../server/boards/yjs-endpoint';
import { loadConfig } from '../../server/config';
import { tempDir } from './temp-dir';
import { lineMatching } from './wait';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface TestServer {
  mutua: Mutua;
  url: string;
  origin: string;
  dataDir: string;
  /** Stops the server and removes its data folder (unless kept for a restart). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** The real server in this process, on port 0, with a fresh data folder. */
export async function startServer(
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<TestServer> {
  const dir = dataDir ? { path: dataDir, remove: () => undefined } : tempDir();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir.path,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const mutua = await createMutua(config, { boards: createYjsEndpoint });
  const url = await mutua.listen();
  return {
    mutua,
    url,
    origin: url,
    dataDir: dir.path,
    async stop(options = {}) {
      await mutua.close();
      if (!options.keepData) dir.remove();
    },
  };
}

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `server/main.ts` as its own process, as `npm start` runs it; resolves once it listens. */
/**
 * The server as `npm start` runs it: built into dist/server by `npm run build`, which
 * `npm test` runs first (run it yourself before calling vitest directly after a change).
 */
export function builtServerArgs(): string[] {
  const main = path.join(ROOT, 'dist/server/main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  return ['--enable-source-maps', main];
}

export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const proc = spawn(process.execPath, builtServerArgs(), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = lineMatching(proc.stdout!, /Mutua is running at (http:\/\/\S+)/);
  const early = exited.then(({ code }) => {
    throw new Error(`server exited early with ${code}\n${out}\n${err}`);
  });
  const match = await Promise.race([listening, early]);
  return { proc, url: match[1]!, stdout: () => out, stderr: () => err, exited };
}

/** Runs the built server to its exit, e.g. to check a configuration error. */
export function runServerToExit(env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const proc = spawn(process.execPath, builtServerArgs(), {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
