import type { Request, Response, Router } from 'express';
import { authRoutes, roomRoutes, systemRoutes } from '../../shared/api';
import { fillPath, type ApiRoute } from '../../shared/api-contract';
import { parsePath } from '../../shared/pages';
import { answerInProcess } from './route-binding';

interface FirstCall {
  readonly route: ApiRoute;
  readonly params: Record<string, string>;
}

/**
 * The GET calls a page makes before it can show anything: the shell's server info and
 * session, then the page's own data. On slow mobile data each is a round trip (400 ms)
 * after the code has loaded; sent along with the page, they cost none.
 */
export function firstCallsOf(pathname: string): FirstCall[] {
  const calls: FirstCall[] = [
    { route: systemRoutes.info, params: {} },
    { route: authRoutes.session, params: {} },
  ];
  const page = parsePath(pathname);
  if (page.name === 'room') {
    calls.push({ route: roomRoutes.getRoom, params: { roomId: page.roomId } });
  }
  return calls;
}

/**
 * Answers the page's first calls in process, for the principal of the page request, keyed by
 * path. A call that would be refused is left out: the client makes it and gets the refusal.
 */
export async function pageAnswers(
  router: Router,
  req: Request,
  res: Response,
): Promise<Record<string, unknown>> {
  const calls = firstCallsOf(req.path);
  // An answer that fails for another reason is left out too, and logged: the page still
  // comes, and the client's own call meets the failure.
  const results = await Promise.all(
    calls.map(({ route, params }) =>
      answerInProcess(router, route, params, req, res).catch((err: unknown) => {
        req.log.error({ err, operationId: route.operationId }, 'page answer failed');
        return null;
      }),
    ),
  );
  const answers: Record<string, unknown> = {};
  calls.forEach(({ route, params }, i) => {
    const result = results[i];
    if (result) answers[fillPath(route.path, params)] = result.answer;
  });
  return answers;
}
