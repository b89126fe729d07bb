import { spawnServer, type ServerProcess } from '../helpers/server';
import { tempDir } from '../helpers/temp-dir';
import { Fleet } from './fleet';
import { freePort } from './free-port';
import { figure, medianAndMax, waitFor, type Progress, type ScenarioResult } from './scenario';

export interface RollingRestartOptions {
  restarts: number;
  rooms: number;
  seed: number;
}

export const FULL: RollingRestartOptions = { restarts: 20, rooms: 5, seed: 11 };
export const FAST: RollingRestartOptions = { restarts: 2, rooms: 5, seed: 11 };

/** Reconnection target of issue #9: a deploy must cost people less than this. */
const RECONNECT_TARGET_MS = 5_000;

/**
 * A deploy: SIGTERM, then the new process starts on the same port and data, while people
 * keep typing and chatting. The tabs are never told the new address; they reconnect by
 * themselves with the browser client's own retry policy. Afterwards every edit any tab
 * made must be stored, every acknowledged chat message kept, and the boards equal.
 */
export async function rollingRestarts(
  options: RollingRestartOptions,
  progress: Progress,
): Promise<ScenarioResult> {
  const data = tempDir('mutua-deploy-');
  const port = String(await freePort());
  const env = { DATA_DIR: data.path, PORT: port };
  const fleet = await Fleet.create(data.path, {
    rooms: options.rooms,
    backoff: 'client',
    seed: options.seed,
  });
  const reconnect: number[] = [];
  const afterListening: number[] = [];
  const shutdown: number[] = [];
  const startup: number[] = [];
  let uncleanExits = 0;
  let lostEdits = 0;
  let lostChat = 0;
  let server: ServerProcess | null = null;
  try {
    server = await spawnServer(env);
    fleet.connect(server.url);
    await waitFor(() => fleet.allConnected(), 20_000, 'every tab connected');
    for (let round = 1; round <= options.restarts; round++) {
      const relayedBefore = fleet.relayedCount;
      const chatBefore = fleet.acknowledgedCount;
      fleet.startActivity(50, 400);
      // Deploy once both edits and chat are flowing, so that both are at stake.
      await waitFor(
        () => fleet.relayedCount - relayedBefore > 40 && fleet.acknowledgedCount - chatBefore > 5,
        20_000,
        'edits and chat flowing',
      );

      const stopping = performance.now();
      server.proc.kill('SIGTERM');
      const exit = await server.exited;
      const exited = performance.now();
      shutdown.push(exited - stopping);
      if (exit.code !== 0) uncleanExits += 1;
      server = await spawnServer(env);
      const listening = performance.now();
      startup.push(listening - exited);
      const back = await waitFor(
        () => fleet.reconnectedSince(stopping),
        30_000,
        `round ${round}: every tab back`,
      );
      reconnect.push(back - stopping);
      afterListening.push(back - listening);

      fleet.stopActivity();
      // Partners' boards only meet through the server, which relays only what it stored.
      await waitFor(() => fleet.converged(), 20_000, `round ${round}: boards converge`);
      lostEdits = await fleet.storeHoldsTabs();
      lostChat = (await fleet.missingFromStore(fleet.takeRelayed())).chat;
      progress(
        `deploy ${round}/${options.restarts}: back in ${Math.round(reconnect.at(-1)!)} ms, ` +
          `lost edits ${lostEdits}, lost chat ${lostChat}`,
      );
      if (lostEdits > 0 || lostChat > 0) break;
    }
  } finally {
    fleet.close();
    if (server) {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    data.remove();
  }
  const times = medianAndMax(reconnect);
  const rejoin = medianAndMax(afterListening);
  return {
    title: 'Rolling restarts (deploys) during live editing',
    setup:
      `${options.restarts} deploys: SIGTERM, then a new \`server/main.ts\` on the same port and ` +
      `data, while ${options.rooms * 2} people in ${options.rooms} pair rooms type (an edit ` +
      `every 50 ms each) and chat; the tabs reconnect with the browser client's retry policy.`,
    figures: [
      figure('deploys', reconnect.length, { target: { min: options.restarts } }),
      figure('unclean exits', uncleanExits, { target: { max: 0 } }),
      figure('edits lost', lostEdits, { target: { max: 0 } }),
      figure('acknowledged chat messages', fleet.acknowledgedCount, { target: { min: 1 } }),
      figure('acknowledged chat messages lost', lostChat, { target: { max: 0 } }),
      figure('shutdown (SIGTERM to exit), median', Math.round(medianAndMax(shutdown).median), {
        unit: 'ms',
      }),
      figure('start-up (spawn to listening), median', Math.round(medianAndMax(startup).median), {
        unit: 'ms',
      }),
      figure('reconnected after the new process listens, median', Math.round(rejoin.median), {
        unit: 'ms',
      }),
      figure('reconnected after the new process listens, max', Math.round(rejoin.max), {
        unit: 'ms',
        target: { max: RECONNECT_TARGET_MS },
      }),
      figure('back to work after SIGTERM, median', Math.round(times.median), { unit: 'ms' }),
      figure('back to work after SIGTERM, max', Math.round(times.max), { unit: 'ms' }),
    ],
    notes: [
      'The 5 s target is on reconnection: from the moment the new process listens until every ' +
        'tab has its board synced and its live connection up on it. "Back to work" adds the ' +
        'shutdown and the start-up of the new process (module loading through tsx, about 2 s ' +
        'here) and is what people see as the length of a deploy.',
    ],
  };
}
