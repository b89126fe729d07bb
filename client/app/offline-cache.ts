/// <reference types="vite/client" />
import type { Me } from '../../shared/schemas/auth';

/** Named in client/service-worker/sw.ts too: her cached API answers (who she is, her rooms). */
const API_CACHE = 'mutua-api';

/**
 * Keeps the offline cache in step with who is signed in: the service worker (built into
 * /sw.js, production builds only) for a personal device; nothing at all for a "shared
 * computer" session, whose sign-in also removes what an earlier session left behind.
 */
export function followSession(me: Me | null) {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (me && !me.sharedDevice) {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  } else if (me?.sharedDevice) {
    void forgetEverything();
  }
}

/** At sign-out: her API answers go; on a shared computer the worker and its shell go too. */
export async function forgetSession(me: Me | null) {
  if (!('caches' in globalThis)) return;
  if (me?.sharedDevice) await forgetEverything();
  else await caches.delete(API_CACHE).catch(() => false);
}

async function forgetEverything() {
  const registrations = await navigator.serviceWorker?.getRegistrations().catch(() => []);
  await Promise.all((registrations ?? []).map((r) => r.unregister()));
  const names = await caches.keys().catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith('mutua-')).map((n) => caches.delete(n)));
}
