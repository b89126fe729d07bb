/**
 * The shape every reliability scenario returns. A scenario is an async function that runs
 * real parts (server processes, Redis, clients) for a bounded number of cycles and reports
 * figures; `npm test` runs each with few cycles and asserts its targets, `npm run soak` runs
 * each at full size and writes RELIABILITY.md from the same figures.
 */

/** A bound a figure must keep: at most / at least this value. */
export type Target = { readonly max: number } | { readonly min: number };

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit?: string;
  readonly target?: Target;
}

export interface ScenarioResult {
  /** A heading for RELIABILITY.md, e.g. "SIGKILL restarts while ten people edit and chat". */
  readonly title: string;
  /** What was run, in one or two sentences (cycles, clients, durations). */
  readonly setup: string;
  readonly figures: readonly Figure[];
  /** Anything a reader needs to judge the figures (a target explained, a limit of the run). */
  readonly notes?: readonly string[];
}

/** Progress lines for the soak runner; tests pass a no-op. */
export type Progress = (line: string) => void;

export function figure(
  name: string,
  value: number,
  options: { unit?: string; target?: Target } = {},
): Figure {
  return { name, value, ...options };
}

export function meets(f: Figure): boolean {
  if (!f.target) return true;
  return 'max' in f.target ? f.value <= f.target.max : f.value >= f.target.min;
}

/** The figure called `name`; throws when the scenario did not report it. */
export function valueOf(result: ScenarioResult, name: string): number {
  const found = result.figures.find((f) => f.name === name);
  if (!found) throw new Error(`${result.title}: no figure named "${name}"`);
  return found.value;
}

/** Figures whose target is missed, for an assertion message that names them. */
export function missed(result: ScenarioResult): string[] {
  return result.figures
    .filter((f) => !meets(f))
    .map((f) => `${f.name} = ${f.value}${f.unit ? ' ' + f.unit : ''}`);
}

/** Median and maximum of a list of durations (0 for an empty list). */
export function medianAndMax(values: readonly number[]): { median: number; max: number } {
  if (values.length === 0) return { median: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, max: sorted.at(-1)! };
}

/**
 * Polls `condition` every 20 ms until it returns a value other than false/null, or throws
 * after `timeoutMs` naming `what`. For conditions on real processes that emit no event.
 */
export async function waitFor<T>(
  condition: () => T | false | null | Promise<T | false | null>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== false && value !== null) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
