import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from '../lib/proc';

export interface BundleResult {
  files: { file: string; bytes: number; gzipBytes: number }[];
  totalJsGzip: number;
  totalCssGzip: number;
  /** JS the room page loads: the entry and its static imports, plus the room chunk's. */
  roomPageJsGzip: number;
  roomChunk: string | null;
  buildMs: number;
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}

/** Builds the client into a temporary folder (never touching dist/) and gzips each asset. */
export function bundleSizes(): BundleResult {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutua-bench-vite-'));
  try {
    const t0 = performance.now();
    const build = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--manifest',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 300_000 },
    );
    if (build.status !== 0) throw new Error(`vite build failed\n${build.stdout}${build.stderr}`);
    const buildMs = performance.now() - t0;
    const gz = new Map<string, number>();
    const files: BundleResult['files'] = [];
    const assets = path.join(outDir, 'assets');
    for (const name of fs.readdirSync(assets).sort()) {
      if (!/\.(js|css)$/.test(name)) continue;
      const data = fs.readFileSync(path.join(assets, name));
      const gzipBytes = zlib.gzipSync(data, { level: 9 }).length;
      gz.set(`assets/${name}`, gzipBytes);
      files.push({ file: `assets/${name}`, bytes: data.length, gzipBytes });
    }
    const manifest = JSON.parse(
      fs.readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8'),
    ) as Record<string, ManifestChunk>;
    const closure = (key: string, seen: Set<string>) => {
      const chunk = manifest[key];
      if (!chunk || seen.has(key)) return;
      seen.add(key);
      for (const dep of chunk.imports ?? []) closure(dep, seen);
    };
    const keys = new Set<string>();
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) closure(key, keys);
    const roomKey =
      Object.keys(manifest).find((k) => manifest[k]?.isDynamicEntry && /room/i.test(k)) ?? null;
    if (roomKey) closure(roomKey, keys);
    const sum = (pred: (file: string) => boolean) =>
      files.filter((f) => pred(f.file)).reduce((s, f) => s + f.gzipBytes, 0);
    const roomFiles = new Set([...keys].map((k) => manifest[k]?.file ?? ''));
    return {
      files,
      totalJsGzip: sum((f) => f.endsWith('.js')),
      totalCssGzip: sum((f) => f.endsWith('.css')),
      roomPageJsGzip: sum((f) => roomFiles.has(f) && f.endsWith('.js')),
      roomChunk: roomKey,
      buildMs,
    };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
