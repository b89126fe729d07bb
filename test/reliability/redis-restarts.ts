import type { ChatMessage } from '../../shared/schemas/live';
import { startRedis } from '../helpers/redis';
import { tempDir } from '../helpers/temp-dir';
import { joinAs, noTrouble, type ClientTrouble, type LiveParticipant } from './live-participant';
import { keepTalking } from './live-traffic';
import { spawnObservedServer, type ObservedServer } from './observed-server';
import { startPresenceProbe } from './presence-probe';
import { killAndRestartRedis, type OutageOutcome, type OutagePlan } from './redis-outages';
import { figure, medianAndMax, type Progress, type ScenarioResult } from './scenario';
import { seedPairRooms, type PairRoom } from './seed-rooms';
import { missingMessages } from './stored-chat';

export interface RedisRestartOptions extends OutagePlan {
  /** Pair rooms with one participant on each process, besides the probe's room. */
  rooms: number;
  /** Each participant's pace: a chat message or a presence change this often. */
  actionEveryMs: number;
  /** The probe's pace: a presence change on process one this often. */
  probeEveryMs: number;
}

export const FULL: RedisRestartOptions = {
  rooms: 8,
  restarts: 20,
  actionEveryMs: 400,
  outageMs: 3_000,
  upMs: 10_000,
  probeEveryMs: 100,
  recoveryTimeoutMs: 30_000,
};

export const FAST: RedisRestartOptions = {
  rooms: 3,
  restarts: 2,
  actionEveryMs: 300,
  outageMs: 1_000,
  upMs: 6_000,
  probeEveryMs: 100,
  recoveryTimeoutMs: 30_000,
};

/**
 * Reconnection with backoff capped at 2 s, then at most one presence heartbeat (5 s) for
 * the entries Redis lost to be written back: past 10 s, people would notice.
 */
const MAX_RECOVERY_MS = 10_000;

/**
 * Two server processes sharing one Redis and one database, people connected to both and
 * talking, while Redis is killed (SIGKILL, losing everything it held) and restarted.
 * Neither process may crash, no acknowledged message may be lost, and presence must cross
 * between the processes again soon after Redis is back.
 */
export async function redisRestarts(
  options: RedisRestartOptions = FAST,
  progress: Progress = () => undefined,
): Promise<ScenarioResult> {
  const data = tempDir('mutua-redis-restarts-');
  const redis = await startRedis();
  const servers: ObservedServer[] = [];
  const participants: LiveParticipant[] = [];
  try {
    progress(`redis-restarts: seeding ${options.rooms + 1} pair rooms`);
    const [probeRoom, ...rooms] = await seedPairRooms(data.path, options.rooms + 1);
    const env = { DATA_DIR: data.path, REDIS_URL: redis.url };
    servers.push(await spawnObservedServer(env), await spawnObservedServer(env));
    const [one, two] = servers as [ObservedServer, ObservedServer];

    const trouble = noTrouble();
    const join = async (server: ObservedServer, person: PairRoom['a'], room: PairRoom) => {
      const participant = await joinAs(server.url, person, room.roomId, trouble);
      participants.push(participant);
      return participant;
    };
    // The probe's room: presence changes there come from the probe only.
    const prober = await join(one, probeRoom!.a, probeRoom!);
    const observer = await join(two, probeRoom!.b, probeRoom!);
    const talkers = [{ participant: observer, roomId: probeRoom!.roomId, presence: false }];
    for (const room of rooms) {
      for (const [server, person] of [
        [one, room.a],
        [two, room.b],
      ] as const) {
        const participant = await join(server, person, room);
        talkers.push({ participant, roomId: room.roomId, presence: true });
      }
    }
    const probe = startPresenceProbe({
      roomId: probeRoom!.roomId,
      prober,
      proberId: probeRoom!.a.userId,
      observer,
      everyMs: options.probeEveryMs,
    });
    const traffic = keepTalking(talkers, options.actionEveryMs);
    const outages = await killAndRestartRedis(redis, probe, options, progress);
    await probe.stop();
    await traffic.stop();

    const acked = participants.flatMap((p) => p.acked);
    for (const participant of participants.splice(0)) participant.leave();
    const crashes = (await Promise.all(servers.splice(0).map(stopCounting))).filter(Boolean);
    const missing = await missingMessages(data.path, acked);
    return describeRun(options, { outages, trouble, acked, missing, crashes: crashes.length });
  } finally {
    for (const participant of participants) participant.leave();
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
    data.remove();
  }
}

/** Stops a server as an operator would; true when it had crashed or does not exit cleanly. */
async function stopCounting(server: ObservedServer): Promise<boolean> {
  const crashedBefore = server.crashed();
  const exit = await server.stop();
  return crashedBefore || exit.code !== 0;
}

interface RunOutcome {
  outages: OutageOutcome;
  trouble: ClientTrouble;
  acked: ChatMessage[];
  missing: number;
  crashes: number;
}

function describeRun(options: RedisRestartOptions, run: RunOutcome): ScenarioResult {
  const { outages, trouble, acked } = run;
  const duringOutage = acked.filter((m) =>
    outages.windows.some((o) => m.sentAt >= o.from && m.sentAt <= o.to),
  ).length;
  const { median, max } = medianAndMax(outages.recoveries);
  const notes = [
    'Both servers run as their own processes with the production presence timings ' +
      '(heartbeat 5 s, entry TTL 20 s, grace 12 s) and share the SQLite database and one ' +
      'private redis-server without persistence: each restart starts from an empty Redis.',
    'Recovery is measured from the moment redis-server accepts connections again until a ' +
      'client on process two is shown, not degraded, a presence change made on process one ' +
      `after that moment (changes are made every ${options.probeEveryMs} ms).`,
  ];
  if (trouble.slowestAckMs > 1_000) {
    notes.push(
      'Acknowledgements are slowest while Redis is down. In trials, a presence write (a ' +
        'Redis MULTI) waited for the Redis client’s next reconnection attempt (up to 2 s) ' +
        'where single commands fail at once.',
    );
  }
  if (trouble.first.length) notes.push(`First client errors: ${trouble.first.join(' | ')}`);
  return {
    title: 'Redis killed and restarted under two server processes',
    setup:
      `${options.restarts} SIGKILL restarts of Redis, each down for at least ` +
      `${options.outageMs / 1000} s and then up for ${options.upMs / 1000} s, under two ` +
      `server processes with ${2 * options.rooms + 2} participants in ${options.rooms + 1} ` +
      `pair rooms (one on each process per room) sending chat messages and presence ` +
      `changes every ${options.actionEveryMs} ms.`,
    figures: [
      figure('Redis restarts', options.restarts),
      figure('server crashes', run.crashes, { target: { max: 0 } }),
      figure('errors seen by clients', trouble.count, { target: { max: 0 } }),
      figure('outages not shown as degraded presence on both processes', outages.notShownDegraded, {
        target: { max: 0 },
      }),
      figure('presence recovery after a restart, median', Math.round(median), { unit: 'ms' }),
      figure('presence recovery after a restart, max', Math.round(max), {
        unit: 'ms',
        target: { max: MAX_RECOVERY_MS },
      }),
      figure('restarts after which presence did not recover', outages.notRecovered, {
        target: { max: 0 },
      }),
      figure('slowest acknowledgement of a chat message or presence change', trouble.slowestAckMs, {
        unit: 'ms',
      }),
      figure('chat messages acknowledged', acked.length, { target: { min: 1 } }),
      figure('chat messages acknowledged while Redis was down', duringOutage),
      figure('chat messages acknowledged and missing from history', run.missing, {
        target: { max: 0 },
      }),
    ],
    notes,
  };
}
