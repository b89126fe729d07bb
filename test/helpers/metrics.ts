/** Figures of a running server, read from `GET /metrics` with the operator's token. */
export type Metrics = Record<string, number>;

/** Reads `/metrics`; throws on any status but 200 so a broken endpoint is never read as 0. */
export async function readMetrics(baseUrl: string, token: string): Promise<Metrics> {
  const res = await fetch(`${baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${text}`);
  return parsePrometheusText(text);
}

/** Unlabelled samples of the Prometheus text format, by metric name. */
export function parsePrometheusText(text: string): Metrics {
  const metrics: Metrics = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [name, value] = line.split(' ');
    if (name === undefined || value === undefined) throw new Error(`bad metrics line: ${line}`);
    metrics[name] = Number(value);
  }
  return metrics;
}

/** A figure that must be there: a missing one is a failure, not a zero. */
export function metric(metrics: Metrics, name: string): number {
  const value = metrics[name];
  if (value === undefined) throw new Error(`no metric ${name} in ${Object.keys(metrics).join()}`);
  return value;
}
