/** One number an operator can graph, without labels: nothing about people or content. */
export interface Gauge {
  /** Prometheus metric name, e.g. `process_resident_memory_bytes`. */
  name: string;
  help: string;
  value: number;
}

/** Gauges in the Prometheus text exposition format 0.0.4. */
export function prometheusText(gauges: readonly Gauge[]): string {
  return gauges
    .map(
      (g) =>
        `# HELP ${g.name} ${g.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n` +
        `# TYPE ${g.name} gauge\n` +
        `${g.name} ${formatValue(g.value)}\n`,
    )
    .join('');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** `Content-Type` of the text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
