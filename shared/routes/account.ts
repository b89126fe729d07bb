import { defineRoute, type ApiRoute } from '../api-contract';
import { Ok } from '../schemas/auth';
import { AccountDelete, PersonalExport, Profile, ProfileInput } from '../schemas/profile';

export const accountRoutes = {
  getProfile: defineRoute({
    method: 'get',
    path: '/api/me/profile',
    operationId: 'getMyProfile',
    summary: 'Her profile (empty fields until she fills them).',
    tag: 'account',
    public: false,
    response: Profile,
  }),
  putProfile: defineRoute({
    method: 'put',
    path: '/api/me/profile',
    operationId: 'updateMyProfile',
    summary: 'Replace her profile; every field is validated with a per-field message.',
    tag: 'account',
    public: false,
    body: ProfileInput,
    response: Profile,
  }),
  exportData: defineRoute({
    method: 'get',
    path: '/api/me/export',
    operationId: 'exportMyData',
    summary: 'Everything Mutua holds about her, as JSON.',
    tag: 'account',
    public: false,
    response: PersonalExport,
  }),
  deleteAccount: defineRoute({
    method: 'post',
    path: '/api/me/delete',
    operationId: 'deleteMyAccount',
    summary:
      'Delete her account: profile erased; what she wrote on shared boards stays, attributed to “former member”.',
    tag: 'account',
    public: false,
    body: AccountDelete,
    response: Ok,
  }),
} satisfies Record<string, ApiRoute>;
