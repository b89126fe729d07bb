/**
 * What grew between two V8 heap snapshots, by constructor: count and self size of the
 * objects of each kind, per unit (e.g. per room) when a divisor is given.
 *
 *   BENCH_HEAP_SNAPSHOTS=/tmp/heaps npm run bench -- --only=memory --targets=mutua
 *   npx tsx bench/lib/heap-diff.ts /tmp/heaps/mutua-empty.heapsnapshot \
 *     /tmp/heaps/mutua-idle.heapsnapshot [--per=200] [--top=30]
 *
 * Self sizes only (an object's own bytes, not what it retains); external memory (Buffer
 * contents) is not in a snapshot.
 */
import fs from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] }; node_count: number };
  nodes: number[];
  strings: string[];
}

interface Kind {
  count: number;
  bytes: number;
}

/** Self size by "type:name" (objects by constructor, closures by function name, …). */
export function kindsOf(file: string): Map<string, Kind> {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const kinds = new Map<string, Kind>();
  for (let i = 0; i < data.nodes.length; i += width) {
    const type = types[data.nodes[i + typeAt]!] ?? '?';
    const name =
      type === 'object' || type === 'closure' ? data.strings[data.nodes[i + nameAt]!] : '';
    const key = `${type}:${name ?? ''}`;
    const kind = kinds.get(key) ?? { count: 0, bytes: 0 };
    kind.count += 1;
    kind.bytes += data.nodes[i + sizeAt]!;
    kinds.set(key, kind);
  }
  return kinds;
}

export function diffKinds(before: Map<string, Kind>, after: Map<string, Kind>, per = 1, top = 30) {
  const rows = [...after].map(([key, kind]) => {
    const was = before.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: (kind.count - was.count) / per, bytes: (kind.bytes - was.bytes) / per };
  });
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  rows.sort((a, b) => b.bytes - a.bytes);
  return { total, rows: rows.slice(0, top) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [from, to] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const num = (flag: string, fallback: number) =>
    Number(process.argv.find((a) => a.startsWith(`--${flag}=`))?.split('=')[1] ?? fallback);
  if (!from || !to) {
    process.stderr.write('usage: tsx bench/lib/heap-diff.ts <before> <after> [--per=N]\n');
    process.exit(2);
  }
  const per = num('per', 1);
  const { total, rows } = diffKinds(kindsOf(from), kindsOf(to), per, num('top', 30));
  process.stdout.write(`self size grown: ${(total / 1024).toFixed(1)} KiB per ${per}\n`);
  for (const row of rows) {
    process.stdout.write(
      `${(row.bytes / 1024).toFixed(2).padStart(9)} KiB ${row.count.toFixed(1).padStart(8)}×  ${row.key}\n`,
    );
  }
}
