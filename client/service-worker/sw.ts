/**
 * The service worker: Mutua opens with no network after a first visit.
 *
 * - The app shell (index.html and this build's hashed assets) is cached at install, so a
 *   deploy installs a new worker whose cache replaces the old one.
 * - Page loads go to the network first and fall back to the cached shell.
 * - A few read-only API answers (who she is, her rooms and programs) go to the network first
 *   and are kept for offline use; the shell deletes them at sign-out. The shell never
 *   registers this worker for a "shared computer" session.
 *
 * Built by the `mutua-service-worker` plugin in vite.config.ts, which fills in PRECACHE.
 */

/** The project compiles with the DOM library, not WebWorker: the few types needed here. */
interface LifecycleEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchRequestEvent extends LifecycleEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: LifecycleEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchRequestEvent) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
/** Replaced at build time: this build's shell files and a hash of their names. */
declare const __MUTUA_PRECACHE__: string[];
declare const __MUTUA_BUILD__: string;
const PRECACHE = __MUTUA_PRECACHE__;
const VERSION = __MUTUA_BUILD__;
const SHELL_CACHE = `mutua-shell-${VERSION}`;
/** Also named in client/app/offline-cache.ts, which deletes it at sign-out. */
const API_CACHE = 'mutua-api';
const CACHED_API =
  /^\/api\/(info|session|rooms(\/[\w-]+)?|programs(\/[\w-]+(\/(members|rooms))?)?)$/;

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => scope.skipWaiting()),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('mutua-shell-') && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => scope.clients.claim()),
  );
});

/** Page loads: the network, else the cached shell. */
async function shellFallback(request: Request) {
  try {
    return await fetch(request);
  } catch (err) {
    const cached = await caches.match('/index.html');
    if (cached) return cached;
    throw err;
  }
}

/**
 * Whether API answers may be kept: only while the last session answer was a personal one.
 * A worker left by an earlier session must not keep a "shared computer" session's answers
 * in the moment before the shell unregisters it.
 */
let keepAnswers = true;

async function isPersonalSession(response: Response) {
  const body = (await response.json().catch(() => null)) as {
    me?: { sharedDevice?: boolean } | null;
  } | null;
  return Boolean(body?.me && !body.me.sharedDevice);
}

/** Her read-only API answers: the network, else the last answer kept. */
async function apiAnswer(request: Request) {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (err) {
    const cached = await caches.match(request);
    if (cached) return cached;
    throw err;
  }
  if (new URL(request.url).pathname === '/api/session')
    keepAnswers = response.ok && (await isPersonalSession(response.clone()));
  if (!keepAnswers) await caches.delete(API_CACHE);
  else if (response.ok) await (await caches.open(API_CACHE)).put(request, response.clone());
  return response;
}

async function cacheFirst(request: Request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && keepAnswers) {
    const copy = response.clone();
    void caches.open(SHELL_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(shellFallback(request));
  } else if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (CACHED_API.test(url.pathname) && url.search === '') {
    event.respondWith(apiAnswer(request));
  }
});

export {};
