import { meets, missed, type Figure, type ScenarioResult } from './scenario';

export interface ScenarioRun {
  key: string;
  result?: ScenarioResult;
  error?: string;
  seconds: number;
  /** When it ended, and the machine's load average then (it is shared and noisy). */
  date?: string;
  loadAverage?: string;
}

export interface RunInfo {
  command: string;
  machine: string;
}

const target = (f: Figure) =>
  !f.target ? '' : 'max' in f.target ? `≤ ${f.target.max}` : `≥ ${f.target.min}`;

function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const verdict = f.target ? (meets(f) ? 'met' : '**missed**') : '';
    return `| ${f.name} | ${f.value.toLocaleString('en')}${f.unit ? ' ' + f.unit : ''} | ${target(f)} | ${verdict} |`;
  });
  return ['| figure | value | target | |', '| --- | ---: | --- | --- |', ...rows].join('\n');
}

/** RELIABILITY.md from one soak run: the machine, the command, then one section a scenario. */
export function renderReport(runs: readonly ScenarioRun[], info: RunInfo): string {
  const summary = runs.map((run) => {
    const verdict = !run.result
      ? 'failed to run'
      : missed(run.result).length === 0
        ? 'every target met'
        : `missed: ${missed(run.result).join('; ')}`;
    const when = `${run.date ?? ''}, load ${run.loadAverage ?? '?'}`;
    return `| ${run.result?.title ?? run.key} | \`${run.key}\` | ${Math.round(run.seconds)} s | ${when} | ${verdict} |`;
  });
  const sections = runs.map((run) => {
    if (!run.result) return `## ${run.key}\n\nThe scenario failed to run: \`${run.error}\`\n`;
    const { title, setup, figures, notes = [] } = run.result;
    return [
      `## ${title}`,
      '',
      setup,
      '',
      table(figures),
      '',
      ...notes.map((n) => `- ${n}`),
      '',
    ].join('\n');
  });
  return [
    '# Reliability',
    '',
    'Figures from tests that try hard to break Mutua: crashes, deploys, Redis outages,',
    'churn, hostile input and unauthorized access. Produced by the command below on the',
    'machine below; every scenario also runs with fewer cycles in `npm test`',
    '(`test/integration/reliability/`), where its targets are asserted.',
    '',
    `- command: \`${info.command}\` (one scenario: \`npm run soak -- --only=<key>\`)`,
    `- machine: ${info.machine}; shared with other work, hence the load average per scenario`,
    '',
    '| scenario | key | time | ended, load average | result |',
    '| --- | --- | ---: | --- | --- |',
    ...summary,
    '',
    ...sections,
  ].join('\n');
}
