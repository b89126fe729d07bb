/**
 * The pages of the app and how their paths read: the client shows them, the server sends
 * the first answers a page asks for along with it (`server/http/page-answers.ts`).
 */
export type Page =
  | { name: 'home' }
  | { name: 'sign-in' }
  | { name: 'setup' }
  | { name: 'invite' }
  | { name: 'profile' }
  | { name: 'admin' }
  | { name: 'program'; programId: string }
  | { name: 'room'; roomId: string }
  | { name: 'not-found' };

const ID = '([A-Za-z0-9_-]{8,64})';

/** Reads a path; pages that need a session are decided by the shell, not here. */
export function parsePath(pathname: string): Page {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  if (pathname === '/sign-in') return { name: 'sign-in' };
  if (pathname === '/setup') return { name: 'setup' };
  if (pathname === '/invite') return { name: 'invite' };
  if (pathname === '/profile') return { name: 'profile' };
  if (pathname === '/admin') return { name: 'admin' };
  const program = new RegExp(`^/programs/${ID}$`).exec(pathname);
  if (program) return { name: 'program', programId: program[1]! };
  const room = new RegExp(`^/rooms/${ID}$`).exec(pathname);
  if (room) return { name: 'room', roomId: room[1]! };
  return { name: 'not-found' };
}

/** Pages someone signed out may see. */
export const PUBLIC_PAGES: ReadonlySet<Page['name']> = new Set([
  'sign-in',
  'setup',
  'invite',
  'not-found',
]);

/**
 * The id of the `<script type="application/json">` element in which the server sends, with a
 * page, the answers to the GET calls the page makes first, keyed by path (`/api/session`).
 */
export const PAGE_ANSWERS_ELEMENT_ID = 'mutua-answers';
