// `npm start`: builds the client and the server when their sources are newer than the
// build, then runs the built server on embedded defaults. `npm start -- --demo` seeds the
// sample program.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** Runs `args` with this Node when `output` is missing or older than a file under `sources`. */
function buildWhenStale(label, output, sources, args) {
  const outputPath = path.join(root, output);
  const stale =
    !fs.existsSync(outputPath) ||
    Math.max(...sources.map((dir) => newestMtime(path.join(root, dir)))) >
      fs.statSync(outputPath).mtimeMs;
  if (!stale) return;
  console.log(`Building the ${label}…`);
  const build = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

buildWhenStale(
  'web client',
  'dist/client/index.html',
  ['client', 'shared'],
  [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
);
buildWhenStale(
  'server',
  'dist/server/main.js',
  ['server', 'shared'],
  [path.join(root, 'scripts/build-server.mjs')],
);

const env = { ...process.env };
if (process.argv.includes('--demo')) env.MUTUA_DEMO = '1';
const server = spawn(
  process.execPath,
  ['--enable-source-maps', path.join(root, 'dist/server/main.js')],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
