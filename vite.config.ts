import { defineConfig } from 'vite';

/** The dev server proxies everything live to the API server started by scripts/dev.mjs. */
const apiTarget = process.env.MUTUA_DEV_API ?? 'http://127.0.0.1:3001';

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsDir: 'assets',
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
