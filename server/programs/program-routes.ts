import type { Request, Router } from 'express';
import { invitationRoutes, programRoutes } from '../../shared/api';
import type { AuthService } from '../auth/auth-service';
import { meOf, startSession } from '../auth/auth-routes';
import { bindRoute } from '../http/route-binding';
import type { InvitationsService } from './invitations-service';
import type { ProgramsService } from './programs-service';

export interface ProgramRoutesDeps {
  programs: ProgramsService;
  invitations: InvitationsService;
  auth: AuthService;
  publicUrl: URL | undefined;
  secureCookies: boolean;
}

export function registerProgramRoutes(router: Router, deps: ProgramRoutesDeps) {
  const { programs, invitations, auth } = deps;
  const baseUrl = (req: Request) =>
    deps.publicUrl?.origin ?? `${req.protocol}://${req.get('host')}`;

  bindRoute(router, programRoutes.listPrograms, async ({ principal }) => ({
    programs: await programs.list(principal),
  }));
  bindRoute(router, programRoutes.createProgram, ({ principal, body }) =>
    programs.create(principal, body),
  );
  bindRoute(router, programRoutes.getProgram, ({ principal, params }) =>
    programs.get(principal, params.programId),
  );
  bindRoute(router, programRoutes.listMembers, async ({ principal, params }) => ({
    members: await programs.members(principal, params.programId),
  }));
  bindRoute(router, programRoutes.removeMember, async ({ principal, params }) => {
    await programs.removeMember(principal, params.programId, params.userId);
    return { ok: true as const };
  });

  bindRoute(router, invitationRoutes.createInvitation, ({ principal, body, req }) =>
    invitations.create(principal, body, baseUrl(req)),
  );
  bindRoute(router, invitationRoutes.listInvitations, async ({ principal, query }) => ({
    invitations: await invitations.list(principal, query.programId),
  }));
  bindRoute(router, invitationRoutes.revokeInvitation, ({ principal, params }) =>
    invitations.revoke(principal, params.invitationId),
  );
  bindRoute(router, invitationRoutes.previewInvitation, ({ body }) =>
    invitations.preview(body.token),
  );
  bindRoute(router, invitationRoutes.acceptInvitation, async ({ body, principal, req, res }) => {
    const { userId, created } = await invitations.accept(body, principal);
    if (created) await startSession(auth, req, res, userId, false, deps.secureCookies);
    return meOf(await auth.principalFor(userId, 'session'));
  });
}
