import { openRooms } from '../load/ramp';
import { Recorder } from '../load/participant';
import { readProc } from '../lib/proc';
import { sleep } from '../lib/stats';
import { startTarget, type TargetName } from '../servers/targets';

export interface MemoryResult {
  target: TargetName;
  rooms: number;
  baselineMiB: number;
  idleMiB: number;
  activeMiB: number;
  idlePerRoomKiB: number;
  activePerRoomKiB: number;
  failures: number;
}

/**
 * Server RSS empty, then with `rooms` pair rooms connected but idle, then after `activeMs`
 * of the load generator's traffic in them. RSS includes whatever the GC has not returned.
 */
export async function memoryPerRoom(
  name: TargetName,
  rooms: number,
  settleMs: number,
  activeMs: number,
): Promise<MemoryResult> {
  const target = await startTarget(name, rooms);
  const recorder = new Recorder();
  const rss = () => (readProc(target.pid)?.rssBytes ?? Number.NaN) / 1024 / 1024;
  let participants: Awaited<ReturnType<typeof openRooms>> = [];
  try {
    await sleep(settleMs);
    const baselineMiB = rss();
    participants = await openRooms(target, 0, rooms, () => recorder);
    await sleep(settleMs);
    const idleMiB = rss();
    for (const p of participants) p.start();
    await sleep(activeMs);
    const activeMiB = rss();
    const perRoom = (mib: number) => ((mib - baselineMiB) * 1024) / rooms;
    return {
      target: name,
      rooms,
      baselineMiB,
      idleMiB,
      activeMiB,
      idlePerRoomKiB: perRoom(idleMiB),
      activePerRoomKiB: perRoom(activeMiB),
      failures: recorder.failures,
    };
  } finally {
    for (const p of participants) p.close();
    await target.stop();
  }
}
