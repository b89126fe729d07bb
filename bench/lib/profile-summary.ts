/**
 * A text "flame summary" of a V8 `.cpuprofile` (from `node --cpu-prof`): top functions by
 * self time, top modules and files by inclusive time, and the heaviest call paths.
 *
 *   npx tsx bench/lib/profile-summary.ts <file.cpuprofile | folder> [--top=25] [--depth=14]
 *     [--skip=ms] [--until=ms]   (only that part of the profile: e.g. without start and stop)
 *
 * A folder means its newest `.cpuprofile`. Percentages are of busy time: every sample that
 * is not `(idle)`, so a mostly idle server still shows where its work goes.
 */
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT } from './proc';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Entry {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  idleMs: number;
  gcMs: number;
  selfByFunction: Entry[];
  inclusiveByFunction: Entry[];
  inclusiveByModule: Entry[];
  selfByModule: Entry[];
  inclusiveByFile: Entry[];
  /** Each sample charged to the innermost frame of our own code (libraries it called included). */
  byOwnFunction: Entry[];
  /** Indented heaviest call paths (children over `minShare` of busy time), collapsed. */
  tree: string[];
}

interface TrieNode {
  label: string;
  ms: number;
  selfMs: number;
  children: Map<string, TrieNode>;
}

/** Our own code: server/, shared/, bench/ (not node_modules, not Node). */
const isOwnCode = (mod: string) => /^(server|shared|bench|client)(\/|$)/.test(mod);

/** `node_modules/<pkg>` (scoped too), a project-relative file, `node:<module>` or `(native)`. */
export function moduleOf(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return url.split('/')[0] ?? url;
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
  }
  // Our own code, grouped by folder: server/yjs, server/realtime, bench/load …
  const rel = projectPath(file);
  const dir = path.dirname(rel);
  return dir === '.' ? rel : dir;
}

/**
 * A path relative to the checkout: this one, or another one (`--baseline` runs the server
 * of an exported commit), recognised by its top-level folders.
 */
function projectPath(file: string): string {
  const rel = path.relative(ROOT, file);
  if (!rel.startsWith('..')) return rel;
  return /\/((?:server|shared|bench|client|scripts)\/.*)$/.exec(file)?.[1] ?? file;
}

function fileOf(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return url;
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) return file.slice(nm + '/node_modules/'.length);
  return projectPath(file);
}

function label(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  // tsx emits each TypeScript file on one line: the column is what tells functions apart.
  const where =
    frame.lineNumber === 0 && frame.columnNumber > 0
      ? `@${frame.columnNumber}`
      : `:${frame.lineNumber + 1}`;
  return `${name} ${fileOf(frame.url)}${where}`;
}

/** Special V8 nodes that are not JavaScript: idle time, GC, the engine itself. */
const isIdle = (frame: CallFrame) => frame.functionName === '(idle)' && !frame.url;
const isGc = (frame: CallFrame) => frame.functionName === '(garbage collector)' && !frame.url;

function top(map: Map<string, number>, busyMs: number, n: number): Entry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, ms, share: busyMs ? ms / busyMs : 0 }));
}

export interface SummaryOptions {
  top?: number;
  depth?: number;
  minShare?: number;
  /** Ignore the first `skipMs` of the profile (the server starting up). */
  skipMs?: number;
  /** Ignore everything after `untilMs` from the start (e.g. the server shutting down). */
  untilMs?: number;
}

export function summarize(profile: CpuProfile, opts: SummaryOptions = {}): ProfileSummary {
  const n = opts.top ?? 25;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  // Time per node from the deltas (more exact than hitCount when sampling jitters).
  const selfMs = new Map<number, number>();
  let idleMs = 0;
  let gcMs = 0;
  const skipUntil = profile.startTime + (opts.skipMs ?? 0) * 1000;
  const stopAt = opts.untilMs === undefined ? Infinity : profile.startTime + opts.untilMs * 1000;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    at += profile.timeDeltas[i] ?? 0;
    if (at < skipUntil || at > stopAt) continue;
    // Each delta is the time since the previous sample: it belongs to the next sample.
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (isIdle(frame)) {
      idleMs += ms;
      continue;
    }
    if (isGc(frame)) gcMs += ms;
    selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  }
  const wallMs =
    (Math.min(profile.endTime, stopAt) - Math.max(profile.startTime, skipUntil)) / 1000;
  const busyMs = [...selfMs.values()].reduce((a, b) => a + b, 0);

  const selfFn = new Map<string, number>();
  const selfMod = new Map<string, number>();
  const inclFn = new Map<string, number>();
  const inclMod = new Map<string, number>();
  const inclFile = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) =>
    map.set(key, (map.get(key) ?? 0) + ms);
  const stackOf = (id: number): ProfileNode[] => {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) stack.push(node);
    }
    return stack;
  };
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    add(selfFn, label(node.callFrame), ms);
    add(selfMod, moduleOf(node.callFrame.url), ms);
    // Recursion must not count a sample twice: each key once per stack.
    const fns = new Set<string>();
    const mods = new Set<string>();
    const files = new Set<string>();
    for (const frame of stackOf(id)) {
      if (frame.callFrame.functionName === '(root)') continue;
      fns.add(label(frame.callFrame));
      mods.add(moduleOf(frame.callFrame.url));
      files.add(fileOf(frame.callFrame.url));
    }
    for (const key of fns) add(inclFn, key, ms);
    for (const key of mods) add(inclMod, key, ms);
    for (const key of files) add(inclFile, key, ms);
  }

  // The call tree, collapsed so that it reads like a flame graph's labels: Node's own
  // plumbing (node:*, native frames that are not the leaf) is dropped, and a run of frames
  // of one library is shown as its outermost frame; our own code keeps every frame.
  const trie: TrieNode = { label: '', ms: 0, selfMs: 0, children: new Map() };
  const byOwnFunction = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const stack = stackOf(id).reverse();
    const labels: string[] = [];
    let previousModule = '';
    stack.forEach((frame, i) => {
      const { callFrame } = frame;
      if (callFrame.functionName === '(root)') return;
      const mod = moduleOf(callFrame.url);
      const leaf = i === stack.length - 1;
      const plumbing = mod.startsWith('node:') || (mod === '(native)' && !leaf);
      if (plumbing) return;
      const ours = isOwnCode(mod);
      if (!ours && mod === previousModule && !leaf) return;
      if (!ours && mod === previousModule && leaf && mod !== '(native)') return;
      previousModule = mod;
      labels.push(label(callFrame));
    });
    let at = trie;
    at.ms += ms;
    for (const name of labels) {
      let next = at.children.get(name);
      if (!next)
        at.children.set(name, (next = { label: name, ms: 0, selfMs: 0, children: new Map() }));
      next.ms += ms;
      at = next;
    }
    at.selfMs += ms;
    // The innermost frame of our own code: where the time is "spent" from our point of view.
    const own = [...stack].reverse().find((frame) => isOwnCode(moduleOf(frame.callFrame.url)));
    add(byOwnFunction, own ? label(own.callFrame) : '(no frame of our code)', ms);
  }
  const tree: string[] = [];
  const minMs = busyMs * (opts.minShare ?? 0.02);
  const maxDepth = opts.depth ?? 14;
  const walk = (node: TrieNode, depth: number) => {
    const children = [...node.children.values()]
      .filter((child) => child.ms >= minMs)
      .sort((a, b) => b.ms - a.ms);
    for (const child of children) {
      tree.push(
        `${'  '.repeat(depth)}${((child.ms / busyMs) * 100).toFixed(1).padStart(5)} % ` +
          `(self ${((child.selfMs / busyMs) * 100).toFixed(1)} %) ${child.label}`,
      );
      if (depth + 1 < maxDepth) walk(child, depth + 1);
    }
  };
  walk(trie, 0);

  return {
    wallMs,
    busyMs,
    idleMs,
    gcMs,
    selfByFunction: top(selfFn, busyMs, n),
    inclusiveByFunction: top(inclFn, busyMs, n),
    inclusiveByModule: top(inclMod, busyMs, n),
    selfByModule: top(selfMod, busyMs, n),
    inclusiveByFile: top(inclFile, busyMs, n),
    byOwnFunction: top(byOwnFunction, busyMs, n),
    tree,
  };
}

export function formatSummary(s: ProfileSummary, title = 'CPU profile'): string {
  const list = (heading: string, entries: Entry[]) =>
    [
      `\n${heading}`,
      ...entries.map(
        (e) =>
          `${(e.share * 100).toFixed(1).padStart(6)} % ${e.ms.toFixed(0).padStart(7)} ms  ${e.name}`,
      ),
    ].join('\n');
  return [
    `# ${title}`,
    `wall ${s.wallMs.toFixed(0)} ms, busy ${s.busyMs.toFixed(0)} ms ` +
      `(${((s.busyMs / s.wallMs) * 100).toFixed(0)} % of wall), idle ${s.idleMs.toFixed(0)} ms, ` +
      `GC ${s.gcMs.toFixed(0)} ms (${((s.gcMs / s.busyMs) * 100).toFixed(1)} % of busy)`,
    'percentages are of busy time',
    list('## Self time by function', s.selfByFunction),
    list('## Self time by module', s.selfByModule),
    list('## Inclusive time by module', s.inclusiveByModule),
    list('## Inclusive time by file', s.inclusiveByFile),
    list('## Inclusive time by function', s.inclusiveByFunction),
    list(
      '## By function of our own code (innermost frame of ours; the libraries it calls included)',
      s.byOwnFunction,
    ),
    '\n## Heaviest call paths (≥ 2 % of busy time; Node internals dropped, one frame per library run)',
    ...s.tree,
  ].join('\n');
}

/** The file itself, or the newest `.cpuprofile` in a folder. */
export function resolveProfile(target: string): string {
  if (!fs.statSync(target).isDirectory()) return target;
  const newest = fs
    .readdirSync(target)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(target, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!newest) throw new Error(`no .cpuprofile in ${target}`);
  return newest;
}

/**
 * Reads a profile and points frames of built JavaScript (a server run from dist/, with its
 * `.map` beside it) back at the TypeScript source they came from, so files and modules are
 * named as in the source tree.
 */
export function readProfile(file: string): CpuProfile {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const maps = new Map<string, { map: SourceMap; dir: string } | null>();
  for (const { callFrame } of profile.nodes) {
    if (!callFrame.url.startsWith('file://') || !callFrame.url.endsWith('.js')) continue;
    let entry = maps.get(callFrame.url);
    if (entry === undefined) {
      const mapFile = `${fileURLToPath(callFrame.url)}.map`;
      entry = fs.existsSync(mapFile)
        ? {
            map: new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as never),
            dir: path.dirname(mapFile),
          }
        : null;
      maps.set(callFrame.url, entry);
    }
    if (entry === null) continue;
    const found = entry.map.findEntry(callFrame.lineNumber, callFrame.columnNumber) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
    };
    if (found.originalSource === undefined) continue;
    const source = found.originalSource.startsWith('file://')
      ? found.originalSource
      : pathToFileURL(path.resolve(entry.dir, found.originalSource)).href;
    callFrame.url = source;
    callFrame.lineNumber = found.originalLine ?? 0;
    callFrame.columnNumber = found.originalColumn ?? 0;
  }
  return profile;
}

export function summarizeFile(file: string, opts: SummaryOptions = {}): string {
  const profile = readProfile(file);
  return formatSummary(summarize(profile, opts), path.basename(file));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write('usage: tsx bench/lib/profile-summary.ts <file.cpuprofile | folder>\n');
    process.exit(2);
  }
  const num = (flag: string) => {
    const value = process.argv.find((a) => a.startsWith(`--${flag}=`))?.split('=')[1];
    return value === undefined ? undefined : Number(value);
  };
  process.stdout.write(
    summarizeFile(resolveProfile(target), {
      top: num('top'),
      depth: num('depth'),
      skipMs: num('skip'),
      untilMs: num('until'),
    }) + '\n',
  );
}
