import { metric } from '../helpers/metrics';
import type { ObservedServer } from './observed-server';

export interface Peaks {
  rssBytes: number;
  heapUsedBytes: number;
  boardsLoaded: number;
  /** The worst event-loop delay p99 of any interval between two readings. */
  eventLoopP99Seconds: number;
  readings: number;
}

/**
 * Reads the server's metrics every `everyMs` until stopped, keeping the highest figures;
 * `onReading` may report progress. A failed reading is a failure of the run.
 */
export function samplePeaks(
  server: ObservedServer,
  everyMs: number,
  onReading: (peaks: Peaks) => void = () => undefined,
) {
  const peaks: Peaks = {
    rssBytes: 0,
    heapUsedBytes: 0,
    boardsLoaded: 0,
    eventLoopP99Seconds: 0,
    readings: 0,
  };
  let running = true;
  let failure: unknown = null;
  const loop = (async () => {
    while (running) {
      const m = await server.metrics();
      peaks.rssBytes = Math.max(peaks.rssBytes, metric(m, 'process_resident_memory_bytes'));
      peaks.heapUsedBytes = Math.max(peaks.heapUsedBytes, metric(m, 'nodejs_heap_used_bytes'));
      peaks.boardsLoaded = Math.max(peaks.boardsLoaded, metric(m, 'mutua_boards_loaded'));
      peaks.eventLoopP99Seconds = Math.max(
        peaks.eventLoopP99Seconds,
        metric(m, 'nodejs_eventloop_delay_p99_seconds'),
      );
      peaks.readings += 1;
      onReading(peaks);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })().catch((err: unknown) => {
    failure = err;
  });
  return {
    async stop(): Promise<Peaks> {
      running = false;
      await loop;
      if (failure !== null) throw failure;
      return peaks;
    },
  };
}
