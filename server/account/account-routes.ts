import type { Router } from 'express';
import { accountRoutes } from '../../shared/api';
import { clearSessionCookie } from '../auth/auth-routes';
import { bindRoute } from '../http/route-binding';
import type { ProfileService } from './profile-service';

export function registerAccountRoutes(router: Router, profiles: ProfileService) {
  bindRoute(router, accountRoutes.getProfile, ({ principal }) => profiles.get(principal.userId));
  bindRoute(router, accountRoutes.putProfile, ({ principal, body }) =>
    profiles.put(principal.userId, body),
  );
  bindRoute(router, accountRoutes.exportData, ({ principal, res }) => {
    res.setHeader('Content-Disposition', 'attachment; filename="mutua-my-data.json"');
    return profiles.export(principal.userId);
  });
  bindRoute(router, accountRoutes.deleteAccount, async ({ principal, body, res }) => {
    await profiles.deleteAccount(principal.userId, principal.email, body.password);
    clearSessionCookie(res);
    return { ok: true as const };
  });
}
