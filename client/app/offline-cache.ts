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

/**
 * Answers that came with the page rather than through the worker (`receivedPageAnswers`):
 * kept as the worker keeps the answers it fetches, so the page opens offline next time.
 * Only where the worker keeps answers at all: a personal session, on a controlled page. They
 * are all paths the worker keeps (its CACHED_API: info, session, a room).
 */
export async function keepPageAnswers(answers: ReadonlyMap<string, unknown>, me: Me | null) {
  if (!import.meta.env.PROD || !navigator.serviceWorker?.controller) return;
  if (!me || me.sharedDevice || answers.size === 0) return;
  const cache = await caches.open(API_CACHE);
  await Promise.all(
    [...answers].map(([path, answer]) =>
      cache.put(new URL(path, location.origin), Response.json(answer)),
    ),
  );
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
