import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ). */
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

export const hasTaskset =
  process.platform === 'linux' && spawnSync('taskset', ['-V']).status === 0 && cores() >= 2;

export function cores(): number {
  return Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()) || 1;
}

/** Pins every thread of this process to one core (the generator's). */
export function pinSelf(core: number): boolean {
  if (!hasTaskset) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)]).status === 0;
}

/** CPU seconds (user + system) and resident bytes of a process, from /proc. */
export function readProc(pid: number): { cpuSeconds: number; rssBytes: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuSeconds: (utime + stime) / TICKS, rssBytes: rssKb * 1024 };
  } catch {
    return null;
  }
}

/** CPU share of one core and RSS over a window: start(), then stop() at the end. */
/** `readProc` summed over several processes (one server made of several); null if one is gone. */
export function readProcs(
  pids: number | readonly number[],
): { cpuSeconds: number; rssBytes: number } | null {
  let cpuSeconds = 0;
  let rssBytes = 0;
  for (const pid of typeof pids === 'number' ? [pids] : pids) {
    const one = readProc(pid);
    if (one === null) return null;
    cpuSeconds += one.cpuSeconds;
    rssBytes += one.rssBytes;
  }
  return { cpuSeconds, rssBytes };
}

export function cpuWindow(pids: number | readonly number[]) {
  const t0 = performance.now();
  const p0 = readProcs(pids);
  return () => {
    const p1 = readProcs(pids);
    const seconds = (performance.now() - t0) / 1000;
    if (!p0 || !p1 || seconds <= 0) return { cpu: Number.NaN, rssBytes: Number.NaN };
    return { cpu: (p1.cpuSeconds - p0.cpuSeconds) / seconds, rssBytes: p1.rssBytes };
  };
}

/** The generator's own CPU share over a window (this process). */
export function selfCpuWindow() {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000 / (performance.now() - t0);
  };
}

export interface Child {
  proc: ChildProcess;
  pid: number;
  match: RegExpExecArray;
  /** From spawn to the ready line (ms). */
  startupMs: number;
  /** Wall-clock time of the spawn (Date.now()): where a CPU profile of the process starts. */
  spawnedAt: number;
  output: () => string;
  stop(): Promise<void>;
}

interface SpawnOptions {
  env: Record<string, string>;
  core: number;
  ready: RegExp;
  timeoutMs?: number;
  /** Working directory; ROOT by default (another checkout for a before/after run). */
  cwd?: string;
}

/**
 * Runs `node <args>` on one core (when taskset exists) and resolves once a line of its
 * stdout matches `ready`; rejects if it exits first or takes longer than `timeoutMs`.
 */
export function spawnNode(args: readonly string[], opts: SpawnOptions): Promise<Child> {
  // `BENCH_NODE_FLAGS="--trace-gc"`: extra flags for every server process.
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  return spawnPinned(process.execPath, [...flags, ...args], opts);
}

/** Runs `program <args>` as `spawnNode` runs Node (a private redis-server, say). */
export function spawnPinned(
  program: string,
  args: readonly string[],
  opts: SpawnOptions,
): Promise<Child> {
  const spawnedAt = performance.now();
  const spawnedAtWall = Date.now();
  const command = hasTaskset ? 'taskset' : program;
  const argv = hasTaskset ? ['-c', String(opts.core), program, ...args] : [...args];
  const proc = spawn(command, argv, {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // `BENCH_SERVER_OUTPUT=<file>`: also append every server's output there (with --trace-gc…).
  const copyTo = process.env.BENCH_SERVER_OUTPUT;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${args.join(' ')} did not start in time\n${out}`));
    }, opts.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      if (copyTo) fs.appendFileSync(copyTo, chunk);
      out += chunk.toString();
      if (out.length > 200_000) out = out.slice(-100_000);
      const match = opts.ready.exec(out);
      if (match && proc.pid !== undefined) {
        clearTimeout(timer);
        const startupMs = performance.now() - spawnedAt;
        resolve({
          proc,
          pid: proc.pid,
          match,
          startupMs,
          spawnedAt: spawnedAtWall,
          output: () => out,
          stop,
        });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (chunk: Buffer) => {
      if (copyTo) fs.appendFileSync(copyTo, chunk);
      out += chunk.toString();
      if (out.length > 200_000) out = out.slice(-100_000);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}\n${out}`));
    });
  });
}
