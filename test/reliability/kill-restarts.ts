import { spawnServer, type ServerProcess } from '../helpers/server';
import { tempDir } from '../helpers/temp-dir';
import { Fleet } from './fleet';
import { figure, medianAndMax, waitFor, type Progress, type ScenarioResult } from './scenario';

export interface KillRestartOptions {
  restarts: number;
  /** Pair rooms; each has two people editing its board and chatting. */
  rooms: number;
  seed: number;
}

export const FULL: KillRestartOptions = { restarts: 100, rooms: 5, seed: 7 };
export const FAST: KillRestartOptions = { restarts: 3, rooms: 5, seed: 7 };

/**
 * The server process is killed with SIGKILL while ten people edit boards and chat, then
 * started again on the same data, `restarts` times. After each kill, with no server
 * running, the stored boards must hold every update the server had relayed to anyone and
 * the database every chat message it had acknowledged; after each restart the tabs
 * reconnect with their documents (and their unsent edits) and must converge.
 */
export async function killRestarts(
  options: KillRestartOptions,
  progress: Progress,
): Promise<ScenarioResult> {
  const data = tempDir('mutua-kill-');
  const fleet = await Fleet.create(data.path, {
    rooms: options.rooms,
    backoff: 'fast',
    seed: options.seed,
  });
  const converge: number[] = [];
  const startup: number[] = [];
  let relayedTotal = 0;
  let missingUpdates = 0;
  let missingChat = 0;
  let server: ServerProcess | null = null;
  try {
    server = await spawnServer({ DATA_DIR: data.path });
    fleet.connect(server.url);
    await waitFor(() => fleet.allConnected(), 20_000, 'every tab connected');
    for (let round = 1; round <= options.restarts; round++) {
      const relayedBefore = fleet.relayedCount;
      const chatBefore = fleet.acknowledgedCount;
      fleet.startActivity(4, 120);
      // Kill mid-stream, once edits and chat are flowing.
      await waitFor(
        () => fleet.relayedCount - relayedBefore > 60 && fleet.acknowledgedCount - chatBefore > 5,
        20_000,
        `round ${round}: edits and chat flowing`,
      );
      server.proc.kill('SIGKILL');
      await server.exited;
      server = null;
      fleet.stopActivity();
      fleet.disconnect();

      const relayed = fleet.takeRelayed();
      for (const list of relayed.values()) relayedTotal += list.length;
      const missing = await fleet.missingFromStore(relayed);
      missingUpdates += missing.updates;
      missingChat = missing.chat;

      const spawned = performance.now();
      server = await spawnServer({ DATA_DIR: data.path });
      const listening = performance.now();
      startup.push(listening - spawned);
      fleet.connect(server.url);
      await waitFor(
        () => fleet.allConnected() && fleet.converged(),
        30_000,
        `round ${round}: tabs converge after restart`,
      );
      converge.push(performance.now() - listening);
      progress(
        `kill ${round}/${options.restarts}: missing updates ${missingUpdates}, ` +
          `missing chat ${missingChat}, converged in ${Math.round(converge.at(-1)!)} ms`,
      );
    }
  } finally {
    fleet.close();
    if (server) {
      server.proc.kill('SIGKILL');
      await server.exited;
    }
    data.remove();
  }
  const convergence = medianAndMax(converge);
  const start = medianAndMax(startup);
  return {
    title: 'SIGKILL restarts while ten people edit and chat',
    setup:
      `${options.restarts} SIGKILLs of the server process (\`server/main.ts\`, SQLite) while ` +
      `${options.rooms * 2} people in ${options.rooms} pair rooms each make an edit every 4 ms ` +
      `and send a chat message every 120 ms; checked with no server running after each kill.`,
    figures: [
      figure('restarts', options.restarts),
      figure('updates relayed before a kill', relayedTotal, { target: { min: 1 } }),
      figure('relayed updates missing after restart', missingUpdates, { target: { max: 0 } }),
      figure('acknowledged chat messages', fleet.acknowledgedCount, { target: { min: 1 } }),
      figure('acknowledged chat messages lost', missingChat, { target: { max: 0 } }),
      figure('server start, median', Math.round(start.median), { unit: 'ms' }),
      figure('convergence after restart, median', Math.round(convergence.median), { unit: 'ms' }),
      figure('convergence after restart, max', Math.round(convergence.max), { unit: 'ms' }),
    ],
    notes: [
      'Convergence is timed from the new process listening until every tab has reconnected ' +
        'and both boards of every room are equal (vectors and delete sets), including the ' +
        'edits tabs made while the server was down.',
    ],
  };
}
