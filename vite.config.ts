import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, transformWithOxc, type Plugin } from 'vite';

/** The dev server proxies everything live to the API server started by scripts/dev.mjs. */
const apiTarget = process.env.MUTUA_DEV_API ?? 'http://127.0.0.1:3001';

/**
 * Builds client/service-worker/sw.ts into dist/client/sw.js with the list of this build's
 * shell files (index.html and hashed assets, no source maps), so each deploy gets a new
 * worker and a fresh cache. A classic script: module service workers are not everywhere yet.
 */
function serviceWorker(): Plugin {
  const source = new URL('./client/service-worker/sw.ts', import.meta.url);
  return {
    name: 'mutua-service-worker',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith('.map') && !name.startsWith('.vite/'))
        .map((name) => `/${name}`)
        .concat(['/index.html', '/favicon.svg'])
        .sort();
      const build = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const { code } = await transformWithOxc(readFileSync(source, 'utf8'), source.pathname, {
        lang: 'ts',
      });
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: code
          .replace(/^export \{\};?\s*$/m, '')
          .replace('__MUTUA_PRECACHE__', JSON.stringify(files))
          .replace('__MUTUA_BUILD__', JSON.stringify(build)),
      });
    },
  };
}

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [serviceWorker()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsDir: 'assets',
    // .vite/manifest.json: the server names a page's on-demand chunks as preloads (PageShell).
    manifest: true,
  },
  server: {
    port: 3000,
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
      '/yjs': { target: apiTarget, ws: true },
    },
  },
});
