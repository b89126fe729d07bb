import fs from 'node:fs';
import path from 'node:path';
import { liveMemory, type LiveMemory } from '../lib/inspector-client';
import { openRooms } from '../load/ramp';
import { Recorder } from '../load/participant';
import { readProc } from '../lib/proc';
import { sleep } from '../lib/stats';
import { type StartOptions, startTarget, type Target, type TargetName } from '../servers/targets';

export interface MemoryResult {
  target: TargetName;
  rooms: number;
  baselineMiB: number;
  idleMiB: number;
  activeMiB: number;
  idlePerRoomKiB: number;
  activePerRoomKiB: number;
  /**
   * The same from the live heap (JS heap + external memory after a full GC, through the
   * inspector): what the rooms really hold, without what the collector has not returned.
   */
  heapBaselineMiB: number;
  heapIdlePerRoomKiB: number;
  heapActivePerRoomKiB: number;
  failures: number;
}

const live = (m: LiveMemory) => (m.heapUsed + m.external) / 1024 / 1024;

interface Points {
  baseline: number;
  idle: number;
  active: number;
  failures: number;
}

/**
 * One pass: weighs the server empty, with `rooms` pair rooms connected but idle, then after
 * `activeMs` of the load generator's traffic in them.
 */
async function measure(
  name: TargetName,
  rooms: number,
  settleMs: number,
  activeMs: number,
  opts: Pick<StartOptions, 'baselineRoot' | 'env'> & { inspect: boolean },
  weigh: (target: Target) => Promise<number>,
): Promise<Points> {
  const target = await startTarget(name, rooms, opts);
  const recorder = new Recorder();
  let participants: Awaited<ReturnType<typeof openRooms>> = [];
  try {
    await sleep(settleMs);
    const baseline = await weigh(target);
    participants = await openRooms(target, 0, rooms, () => recorder);
    await sleep(settleMs);
    const idle = await weigh(target);
    for (const p of participants) p.start();
    await sleep(activeMs);
    const active = await weigh(target);
    return { baseline, idle, active, failures: recorder.failures };
  } finally {
    for (const p of participants) p.close();
    await target.stop();
  }
}

const rss = async (target: Target) => (readProc(target.pid)?.rssBytes ?? Number.NaN) / 1024 / 1024;
/** `BENCH_HEAP_SNAPSHOTS=<dir>`: a heap snapshot at each point of the live-heap pass. */
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOTS;
const heap = (points: string[]) => async (target: Target) => {
  const url = target.inspectorUrl();
  if (!url) return Number.NaN;
  let file: string | undefined;
  if (snapshotDir !== undefined) {
    fs.mkdirSync(snapshotDir, { recursive: true });
    file = path.join(snapshotDir, `${target.name}-${points.shift() ?? 'later'}.heapsnapshot`);
  }
  return live(await liveMemory(url, file));
};

/**
 * Memory per pair room, twice: RSS as the operating system sees it (includes whatever the
 * GC has not returned, an upper bound), then in a second server process the live heap after
 * a forced full GC at each point (through `--inspect`; a forced GC would shrink RSS, which
 * is why it gets a process of its own).
 */
export async function memoryPerRoom(
  name: TargetName,
  rooms: number,
  settleMs: number,
  activeMs: number,
  opts: Pick<StartOptions, 'baselineRoot' | 'env'> = {},
): Promise<MemoryResult> {
  const byRss = await measure(name, rooms, settleMs, activeMs, { ...opts, inspect: false }, rss);
  const points = ['empty', 'idle', 'active'];
  const byHeap = await measure(
    name,
    rooms,
    settleMs,
    activeMs,
    { ...opts, inspect: true },
    heap(points),
  );
  const perRoom = (mib: number, base: number) => ((mib - base) * 1024) / rooms;
  return {
    target: name,
    rooms,
    baselineMiB: byRss.baseline,
    idleMiB: byRss.idle,
    activeMiB: byRss.active,
    idlePerRoomKiB: perRoom(byRss.idle, byRss.baseline),
    activePerRoomKiB: perRoom(byRss.active, byRss.baseline),
    heapBaselineMiB: byHeap.baseline,
    heapIdlePerRoomKiB: perRoom(byHeap.idle, byHeap.baseline),
    heapActivePerRoomKiB: perRoom(byHeap.active, byHeap.baseline),
    failures: byRss.failures + byHeap.failures,
  };
}
