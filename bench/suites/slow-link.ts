import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createMutua } from '../../server/app';
import { createYjsEndpoint } from '../../server/boards/yjs-endpoint';
import { loadConfig } from '../../server/config';
import { SESSION_COOKIE } from '../../shared/protocol';
import { launchBrowser } from '../../test/helpers/browser';
import { createPairRoom } from '../../test/helpers/people';
import { tempDir } from '../../test/helpers/temp-dir';
import { ROOT } from '../lib/proc';
import { median } from '../lib/stats';

/** Slow mobile data as issue 6 defines it: 400 kbit/s both ways, 400 ms round trip. */
const SLOW = {
  offline: false,
  latency: 400,
  downloadThroughput: 400_000 / 8,
  uploadThroughput: 400_000 / 8,
};

export interface SlowLinkResult {
  /** Navigation start until her board says "saved" (loaded, synced, editable), per run. */
  runsMs: number[];
  medianMs: number;
}

/**
 * Opens a pair room in Chromium with a cold cache (new context, no service worker) over
 * emulated slow mobile data and times how long until the board is usable.
 */
export async function slowLink(runs = 3): Promise<SlowLinkResult> {
  if (!existsSync(path.join(ROOT, 'dist/client/index.html'))) {
    spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit' },
    );
  }
  const data = tempDir('mutua-bench-slow-');
  const mutua = await createMutua(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.path, LOG_LEVEL: 'silent' }),
    {
      boards: createYjsEndpoint,
    },
  );
  const url = await mutua.listen();
  const browser = await launchBrowser();
  const runsMs: number[] = [];
  try {
    const room = await createPairRoom(mutua);
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 640 },
        serviceWorkers: 'block',
      });
      await context.addCookies([
        { name: SESSION_COOKIE, value: room.a.sessionToken, domain: '127.0.0.1', path: '/' },
      ]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW);
      const start = Date.now();
      await page.goto(`${url}/rooms/${room.roomId}`);
      await page
        .locator('mutua-board-view p.sync[data-state="saved"]')
        .waitFor({ timeout: 60_000 });
      runsMs.push(Date.now() - start);
      await context.close();
    }
  } finally {
    await browser.close();
    await mutua.close();
    data.remove();
  }
  return { runsMs, medianMs: median(runsMs) };
}
