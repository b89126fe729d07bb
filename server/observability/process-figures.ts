import { readdir } from 'node:fs/promises';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Gauge } from './prometheus-text';

/** Samples the event loop this often; finer costs CPU for no operator benefit. */
const LOOP_RESOLUTION_MS = 10;

export interface ProcessFigures {
  /** Memory, open descriptors and event-loop delay of this process, as gauges. */
  read(): Promise<Gauge[]>;
  /** Stops sampling the event loop. */
  close(): void;
}

/**
 * Figures of the Node process itself. The event-loop delay histogram restarts at each read,
 * so its p99 covers the interval since the previous scrape (a stall shows once, then clears).
 */
export function watchProcess(): ProcessFigures {
  const loop: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  return {
    async read() {
      const memory = process.memoryUsage();
      const gauges: Gauge[] = [
        {
          name: 'process_resident_memory_bytes',
          help: 'Resident memory size in bytes.',
          value: memory.rss,
        },
        {
          name: 'nodejs_heap_used_bytes',
          help: 'V8 heap in use, in bytes.',
          value: memory.heapUsed,
        },
        {
          name: 'nodejs_heap_total_bytes',
          help: 'V8 heap reserved, in bytes.',
          value: memory.heapTotal,
        },
        {
          name: 'nodejs_eventloop_delay_p99_seconds',
          help: 'Event-loop delay, 99th percentile since the previous scrape, in seconds.',
          // Before the first sample the histogram reports 0: nothing was delayed yet.
          value: loop.count > 0 ? loop.percentile(99) / 1e9 : 0,
        },
      ];
      loop.reset();
      const fds = await openFileDescriptors();
      if (fds !== null) {
        gauges.push({
          name: 'process_open_fds',
          help: 'Open file descriptors (sockets, database files, pipes).',
          value: fds,
        });
      }
      return gauges;
    },
    close: () => loop.disable(),
  };
}

/** Entries of /proc/self/fd, less the one readdir itself holds; null where there is no /proc. */
async function openFileDescriptors(): Promise<number | null> {
  try {
    const entries = await readdir('/proc/self/fd');
    return entries.length - 1;
  } catch {
    return null;
  }
}
