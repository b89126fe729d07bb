// `npm run build` (after the client): the server as plain JavaScript in dist/server/, so that
// `npm start` runs it on Node alone. One bundle of our own sources (dependencies stay in
// node_modules) plus one file per migration, which are found by listing their folder.
// Running the TypeScript through a loader instead costs every start 2–4 s of compiling and
// the loader's worker thread ~45 MiB (BENCHMARKS.md). `node scripts/build-server.mjs <dir>`
// builds another checkout's server (the benchmarks' before/after runs).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const out = path.join(root, 'dist/server');
const migrations = path.join(root, 'server/store/migrations');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

fs.rmSync(out, { recursive: true, force: true });
await build({ ...common, entryPoints: [path.join(root, 'server/main.ts')], outdir: out });
await build({
  ...common,
  entryPoints: fs
    .readdirSync(migrations)
    .filter((file) => /^\d{4}-[\w-]+\.ts$/.test(file))
    .map((file) => path.join(migrations, file)),
  outdir: path.join(out, 'migrations'),
});
