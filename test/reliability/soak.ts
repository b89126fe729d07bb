/**
 * `npm run soak`: every reliability scenario at full size, then RELIABILITY.md.
 *   npm run soak                      # everything (about 45 minutes here)
 *   npm run soak -- --only=kill,deploy
 *   npm run soak -- --fast            # the sizes `npm test` uses, to try the runner
 * Each scenario's result is kept in `test-results/soak/<size>/<key>.json`; the report is
 * written from every kept result of that size, so scenarios may be run separately. A
 * scenario that throws is reported as failed with its error; the others still run.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { ROOT } from '../helpers/server';
import { renderReport, type ScenarioRun } from './report';
import { missed } from './scenario';
import { SCENARIOS } from './scenarios';

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const chosen = SCENARIOS.filter((s) => !only || only.includes(s.key));
if (chosen.length === 0) {
  console.error(`no scenario matches; known: ${SCENARIOS.map((s) => s.key).join(', ')}`);
  process.exit(2);
}

const size = fast ? 'fast' : 'full';
const keptDir = path.join(ROOT, 'test-results/soak', size);
mkdirSync(keptDir, { recursive: true });
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const runs: ScenarioRun[] = [];
for (const scenario of chosen) {
  const t0 = performance.now();
  console.log(`\n== ${scenario.key} (${size})`);
  let run: ScenarioRun;
  try {
    const result = await scenario.run(size, (line) => console.log('  ' + line));
    run = { key: scenario.key, result, seconds: (performance.now() - t0) / 1000 };
  } catch (error) {
    console.error(error);
    const message = error instanceof Error ? error.message : String(error);
    run = { key: scenario.key, error: message, seconds: (performance.now() - t0) / 1000 };
  }
  run.date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  run.loadAverage = loadAverage();
  runs.push(run);
  writeFileSync(path.join(keptDir, `${scenario.key}.json`), JSON.stringify(run, null, 2));
}

// The report covers every scenario with a kept result, in the registry's order.
const kept = new Map<string, ScenarioRun>();
for (const file of readdirSync(keptDir)) {
  const run = JSON.parse(readFileSync(path.join(keptDir, file), 'utf8')) as ScenarioRun;
  kept.set(run.key, run);
}
const report = renderReport(
  SCENARIOS.flatMap((s) => kept.get(s.key) ?? []),
  {
    command: fast ? 'npm run soak -- --fast' : 'npm run soak',
    machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  },
);
const file = path.join(ROOT, fast ? 'test-results/RELIABILITY-fast.md' : 'RELIABILITY.md');
// Formatted as the repository's own Markdown is, so a fresh report passes `format:check`.
const options = await prettier.resolveConfig(file);
writeFileSync(file, await prettier.format(report, { ...options, filepath: file }));
console.log(`\nwrote ${path.relative(ROOT, file)}`);
const failed = runs.filter((r) => !r.result || missed(r.result).length > 0);
process.exit(failed.length ? 1 : 0);
