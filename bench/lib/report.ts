import type { StepResult } from '../load/ramp';
import type { BundleResult } from '../suites/bundle';
import type { ColdOpenResult } from '../suites/cold-open';
import type { MemoryResult } from '../suites/memory';
import type { SlowLinkResult } from '../suites/slow-link';
import type { WireBytesResult } from '../suites/wire-bytes';
import { fmt, kib, median, table } from './stats';

export interface Results {
  mode: 'quick' | 'full';
  startedAt: string;
  machine: Record<string, string>;
  ramp: StepResult[];
  memory: MemoryResult[];
  wire: WireBytesResult[];
  coldOpen: ColdOpenResult | null;
  matching: string;
  bundle: BundleResult | null;
  slowLink: SlowLinkResult | null;
  durationS: number;
}

const pct = (x: number) => fmt(x * 100, 0);

export function rampTable(steps: readonly StepResult[]): string {
  const repeated = steps.some((s) => (s.round ?? 1) > 1);
  return table(
    [
      'server',
      'rooms',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'edits',
      'lost',
      'conn. failures',
      'server CPU %',
      'server RSS MiB',
      'gen. CPU %',
      'gen. lag p99 ms',
      'note',
    ],
    steps.map((s) => [
      repeated ? `${s.target} #${s.round ?? 1}` : s.target,
      String(s.rooms),
      fmt(s.p50),
      fmt(s.p95),
      fmt(s.p99),
      fmt(s.max),
      String(s.sent),
      String(s.lost),
      `${s.failures}/${s.attempts}`,
      pct(s.serverCpu),
      fmt(s.serverRssMiB, 0),
      pct(s.generatorCpu),
      fmt(s.generatorLagP99Ms),
      [s.generatorSaturated ? 'generator saturated' : '', s.stopReason ?? '']
        .filter(Boolean)
        .join('; ') || '',
    ]),
  );
}

/**
 * `mutua-before` (another checkout) against `mutua` at each step both ran: medians over the
 * rounds of `--repeat`, and the median of the per-round CPU ratios (each round ran the two
 * back to back, so a ratio compares like with like on a machine whose load drifts).
 */
export function beforeAfterTable(steps: readonly StepResult[]): string {
  const rows: string[][] = [];
  const roomsList = [...new Set(steps.map((s) => s.rooms))].sort((a, b) => a - b);
  for (const rooms of roomsList) {
    const of = (target: string) => steps.filter((s) => s.target === target && s.rooms === rooms);
    const before = of('mutua-before');
    const after = of('mutua');
    if (before.length === 0 || after.length === 0) continue;
    const ratios = after
      .map((a) => {
        const b = before.find((x) => (x.round ?? 1) === (a.round ?? 1));
        return b ? a.serverCpu / b.serverCpu : Number.NaN;
      })
      .filter(Number.isFinite);
    const med = (list: StepResult[], pick: (s: StepResult) => number) => median(list.map(pick));
    rows.push([
      String(rooms),
      String(Math.min(before.length, after.length)),
      pct(med(before, (s) => s.serverCpu)),
      pct(med(after, (s) => s.serverCpu)),
      `${fmt(median(ratios), 2)}×`,
      fmt(med(before, (s) => s.p50)),
      fmt(med(after, (s) => s.p50)),
      fmt(med(before, (s) => s.p99)),
      fmt(med(after, (s) => s.p99)),
      fmt(
        med(before, (s) => s.serverRssMiB - s.baselineRssMiB),
        0,
      ),
      fmt(
        med(after, (s) => s.serverRssMiB - s.baselineRssMiB),
        0,
      ),
      `${med(before, (s) => s.lost)} / ${med(after, (s) => s.lost)}`,
    ]);
  }
  return table(
    [
      'rooms',
      'rounds',
      'CPU % before',
      'CPU % after',
      'CPU after / before',
      'p50 before',
      'p50 after',
      'p99 before',
      'p99 after',
      'RSS above start, MiB, before',
      'after',
      'lost before / after',
    ],
    rows,
  );
}

/** Mutua against each peer at every step both reached (first round of `--repeat`). */
export function ratioTable(steps: readonly StepResult[]): string {
  const at = (target: string, rooms: number) =>
    steps.find((s) => s.target === target && s.rooms === rooms);
  const roomsList = [...new Set(steps.map((s) => s.rooms))].sort((a, b) => a - b);
  const rows: string[][] = [];
  for (const rooms of roomsList) {
    const m = at('mutua', rooms);
    if (!m) continue;
    for (const peer of ['y-websocket', 'hocuspocus', 'relay-floor']) {
      const p = at(peer, rooms);
      if (!p) continue;
      rows.push([
        String(rooms),
        peer,
        `${fmt(m.serverCpu / p.serverCpu, 2)}×`,
        `${fmt((m.serverRssMiB - m.baselineRssMiB) / (p.serverRssMiB - p.baselineRssMiB), 2)}×`,
        `${fmt(m.serverRssMiB / p.serverRssMiB, 2)}×`,
        `${fmt(m.p50 / p.p50, 2)}×`,
        `${fmt(m.p99 / p.p99, 2)}×`,
      ]);
    }
  }
  return table(['rooms', 'vs', 'CPU', 'RSS above baseline', 'RSS total', 'p50', 'p99'], rows);
}

/** Rooms per core from CPU: rooms / server CPU share, at each unsaturated step ≥ 100 rooms. */
export function capacityTable(steps: readonly StepResult[]): string {
  const named = new Set(steps.map((s) => s.target));
  const servers = ['mutua', 'y-websocket', 'hocuspocus', 'relay-floor'].filter(
    (t) => t !== 'relay-floor' || named.has(t),
  );
  const rows = servers.map((t) => {
    const usable = steps.filter(
      (s) => s.target === t && s.rooms >= 100 && !s.stopReason && s.serverCpu > 0,
    );
    const estimates = usable.map((s) => s.rooms / s.serverCpu);
    const best = steps.filter((s) => s.target === t && !s.stopReason).at(-1);
    return [
      t,
      estimates.map((e) => fmt(e, 0)).join(', ') || '–',
      best ? String(best.rooms) : '–',
      best?.generatorSaturated ? 'yes' : 'no',
    ];
  });
  return table(
    [
      'server',
      'rooms per core (at steps ≥ 100)',
      'largest step within limits',
      'generator saturated there',
    ],
    rows,
  );
}

export function otherTables(r: Results): string {
  const parts: string[] = [];
  if (r.memory.length) {
    parts.push(
      '### Memory per pair room\n',
      table(
        [
          'server',
          'rooms',
          'empty MiB',
          'idle MiB',
          'active MiB',
          'KiB/idle room',
          'KiB/active room',
          'live heap MiB',
          'live KiB/idle room',
          'live KiB/active room',
          'failures',
        ],
        r.memory.map((m) => [
          m.target,
          String(m.rooms),
          fmt(m.baselineMiB),
          fmt(m.idleMiB),
          fmt(m.activeMiB),
          fmt(m.idlePerRoomKiB, 0),
          fmt(m.activePerRoomKiB, 0),
          fmt(m.heapBaselineMiB),
          fmt(m.heapIdlePerRoomKiB, 0),
          fmt(m.heapActivePerRoomKiB, 0),
          String(m.failures),
        ]),
      ),
    );
  }
  if (r.wire.length) {
    parts.push(
      '\n### Bytes on the wire per typed character\n',
      table(
        [
          'server',
          'chars',
          'raw update',
          'reference up',
          'sent',
          'sent / ref',
          'reference down',
          'received',
          'received / ref',
        ],
        r.wire.map((w) => [
          w.target,
          String(w.characters),
          fmt(w.rawUpdatePerChar),
          fmt(w.referenceUpPerChar),
          fmt(w.sentPerChar),
          `${fmt(w.sentPerChar / w.referenceUpPerChar, 2)}×`,
          fmt(w.referenceDownPerChar),
          fmt(w.receivedPerChar),
          `${fmt(w.receivedPerChar / w.referenceDownPerChar, 2)}×`,
        ]),
      ),
    );
  }
  const c = r.coldOpen;
  if (c) {
    parts.push(
      '\n### Cold open and compaction (Mutua, SQLite)\n',
      table(
        ['measure', 'value'],
        [
          ['board', `${c.cards} cards, ${c.updates} updates, log ${kib(c.logBytes)} KiB`],
          [
            'server-side load (SQL read + rebuild), median of 5 (fastest)',
            `${fmt(c.loadMs)} ms (${fmt(c.loadMinMs)} ms)`,
          ],
          ['of which SQL read', `${fmt(c.sqlReadMs)} ms`],
          [
            'server-side cold open (read + first answer): the 20,000-row log, median of 5 (fastest)',
            `${fmt(c.firstAnswerMs.log)} ms (${fmt(c.firstAnswerMinMs.log)} ms)`,
          ],
          [
            'server-side cold open: the compacted board (as Mutua stores it at rest)',
            `${fmt(c.firstAnswerMs.compacted)} ms (${fmt(c.firstAnswerMinMs.compacted)} ms)`,
          ],
          [
            `server-side cold open: snapshot + ${c.tailRows}-row tail (stopped before compacting)`,
            `${fmt(c.firstAnswerMs.compactedWithTail)} ms (${fmt(c.firstAnswerMinMs.compactedWithTail)} ms)`,
          ],
          ['first sync, cold (server process, stock provider)', `${fmt(c.firstSyncColdMs)} ms`],
          [
            'first sync, cold, compacted board (server process, stock provider)',
            `${fmt(c.firstSyncColdAfterCompactionMs)} ms`,
          ],
          ['first sync, board already loaded (median of 3)', `${fmt(c.firstSyncWarmMs)} ms`],
          ['compaction of the 20,000-row log', `${fmt(c.compactMs)} ms`],
          ['stored after compaction', `${kib(c.storedBytesAfterCompaction)} KiB`],
          ['`Y.encodeStateAsUpdate`', `${kib(c.encodeStateAsUpdateBytes)} KiB`],
          ['ratio', `${fmt(c.storedBytesAfterCompaction / c.encodeStateAsUpdateBytes, 2)}×`],
          [
            'server-side load after compaction, median of 5 (fastest)',
            `${fmt(c.loadAfterCompactionMs)} ms (${fmt(c.loadAfterCompactionMinMs)} ms)`,
          ],
        ],
      ),
    );
  }
  if (r.matching) parts.push('\n### Matching\n', r.matching.trim());
  const b = r.bundle;
  if (b) {
    parts.push(
      '\n### Client bundle (gzip -9)\n',
      table(
        ['asset', 'bytes', 'gzip bytes'],
        b.files.map((f) => [f.file, String(f.bytes), String(f.gzipBytes)]),
      ),
      `\nAll JS ${kib(b.totalJsGzip)} KiB gzipped, CSS ${kib(b.totalCssGzip)} KiB. Room page JS: ` +
        `${kib(b.roomPageJsGzip)} KiB gzipped (${b.roomChunk ? `entry + ${b.roomChunk}` : 'entry and its static imports; no room chunk in the build yet'}).`,
    );
  }
  return parts.join('\n');
}
