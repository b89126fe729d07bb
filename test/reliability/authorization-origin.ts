import { type ApiRoute, fillPath } from '../../shared/api-contract';
import type { Person } from '../helpers/people';
import { rawUpgrade } from '../helpers/upgrade';
import type { AuthorizationFixture } from './authorization-actors';
import { connection, socketFor } from './authorization-paths';
import { type Audience, checkedRoutes, requestFor } from './authorization-routes';
import type { AttemptLog } from './attempt-log';

/** Sites that are not Mutua, some made to look like it. */
function foreignOrigins(url: string): string[] {
  return [
    'https://evil.example',
    // Sandboxed frames and some redirects send the literal origin "null".
    'null',
    `${url}.evil.example`,
    url.replace(/^http:/, 'https:'),
  ];
}

/**
 * Whose valid cookie rides along: someone the route would serve with the right Origin, so
 * that only the Origin check stands between the request and a success.
 */
function cookieFor(audience: Audience, f: AuthorizationFixture, throwaway: Person) {
  switch (audience) {
    case 'public':
      return undefined;
    case 'self':
      // Her own account may be changed or deleted if the check fails: not a control's.
      return throwaway.cookie;
    case 'room members':
    case 'the token owner':
      return f.pair.a.cookie;
    default:
      return f.pair.facilitator.cookie;
  }
}

/**
 * A member's valid cookie sent from a foreign site: on both WebSocket paths (and with no
 * Origin at all, which a browser never does, so the cookie must not count), and on every
 * state-changing route of the contract.
 */
export async function probeForeignOrigins(
  url: string,
  routes: readonly ApiRoute[],
  f: AuthorizationFixture,
  throwaway: Person,
  log: AttemptLog,
): Promise<void> {
  const member = f.pair.a;
  const origins: Array<[string, string | undefined]> = [
    ...foreignOrigins(url).map((o): [string, string] => [`Origin ${o}`, o]),
    ['no Origin', undefined],
  ];
  for (const [who, origin] of origins) {
    const headers: Record<string, string> = { cookie: member.cookie };
    if (origin !== undefined) headers.origin = origin;
    const yjs = await rawUpgrade(url, `/yjs/${f.pair.boardId}`, headers);
    log.add({
      who: `a member's cookie, ${who}`,
      what: 'Yjs board',
      answer: `${yjs.status}, ${yjs.frames} frames`,
      entitled: false,
      gotIn: yjs.status === 101 || yjs.frames > 0,
      inconclusive: yjs.status !== (origin === undefined ? 401 : 403),
    });
    const socket = socketFor(url, { cookie: member.cookie }, headers);
    const refused = await connection(socket);
    socket.close();
    log.add({
      who: `a member's cookie, ${who}`,
      what: 'Socket.IO connection',
      answer: refused ?? 'connected',
      entitled: false,
      gotIn: refused === null,
    });
  }

  for (const origin of foreignOrigins(url)) {
    for (const { route, audience } of checkedRoutes(routes)) {
      if (route.method === 'get') continue;
      const request = requestFor(route, f);
      const cookie = cookieFor(audience, f, throwaway);
      const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
      const res = await fetch(`${url}${fillPath(route.path, request.params)}${query}`, {
        method: route.method.toUpperCase(),
        headers: {
          origin,
          'content-type': 'application/json',
          ...(cookie ? { cookie } : {}),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      const text = await res.text();
      const code = text ? (JSON.parse(text) as { code?: string }).code : undefined;
      log.add({
        who: `a valid cookie, Origin ${origin}`,
        what: `REST ${route.method.toUpperCase()} ${route.path}`,
        answer: `${res.status} ${code ?? ''}`.trim(),
        entitled: false,
        gotIn: res.ok,
        inconclusive: !res.ok && code !== 'origin_not_allowed',
      });
    }
  }
}
