/** A small SVG line chart: p99 latency against pair rooms (log2 x axis), one line a server. */
export interface Series {
  name: string;
  color: string;
  points: { rooms: number; p99: number; saturated: boolean }[];
}

export function p99Chart(series: readonly Series[], title: string): string {
  const W = 720;
  const H = 420;
  const m = { left: 64, right: 170, top: 40, bottom: 52 };
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.rooms);
  const xMin = Math.log2(Math.min(25, ...xs));
  const xMax = Math.log2(Math.max(100, ...xs));
  const yMax = Math.max(50, ...all.map((p) => (Number.isFinite(p.p99) ? p.p99 : 0))) * 1.1;
  const x = (rooms: number) =>
    m.left + ((Math.log2(rooms) - xMin) / (xMax - xMin || 1)) * (W - m.left - m.right);
  const y = (ms: number) => H - m.bottom - (ms / yMax) * (H - m.top - m.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${m.left}" y="22" font-size="15" font-weight="bold">${title}</text>`,
  ];
  const step = yMax > 400 ? 100 : yMax > 150 ? 50 : yMax > 60 ? 20 : 10;
  for (let v = 0; v <= yMax; v += step) {
    out.push(
      `<line x1="${m.left}" x2="${W - m.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${m.left - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text>`,
    );
  }
  for (const rooms of [...new Set(xs)].sort((a, b) => a - b)) {
    out.push(
      `<line x1="${x(rooms)}" x2="${x(rooms)}" y1="${H - m.bottom}" y2="${H - m.bottom + 5}" stroke="#333"/>`,
      `<text x="${x(rooms)}" y="${H - m.bottom + 18}" text-anchor="middle">${rooms}</text>`,
    );
  }
  out.push(
    `<line x1="${m.left}" x2="${W - m.right}" y1="${H - m.bottom}" y2="${H - m.bottom}" stroke="#333"/>`,
    `<text x="${(m.left + W - m.right) / 2}" y="${H - 12}" text-anchor="middle">pair rooms (2 participants each)</text>`,
    `<text transform="translate(16 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">edit propagation p99 (ms)</text>`,
  );
  series.forEach((s, i) => {
    const pts = s.points.filter((p) => Number.isFinite(p.p99));
    if (pts.length) {
      const d = pts.map(
        (p, j) => `${j ? 'L' : 'M'}${x(p.rooms).toFixed(1)} ${y(p.p99).toFixed(1)}`,
      );
      out.push(`<path d="${d.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`);
    }
    for (const p of pts) {
      const fill = p.saturated ? '#fff' : s.color;
      out.push(
        `<circle cx="${x(p.rooms).toFixed(1)}" cy="${y(p.p99).toFixed(1)}" r="4" fill="${fill}" stroke="${s.color}" stroke-width="2"/>`,
      );
    }
    const ly = m.top + 10 + i * 22;
    out.push(
      `<line x1="${W - m.right + 16}" x2="${W - m.right + 40}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2.5"/>`,
      `<text x="${W - m.right + 46}" y="${ly + 4}">${s.name}</text>`,
    );
  });
  out.push(
    `<text x="${W - m.right + 16}" y="${m.top + 10 + series.length * 22 + 8}" fill="#555">hollow: generator saturated</text>`,
    '</svg>',
  );
  return out.join('\n') + '\n';
}
