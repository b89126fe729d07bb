import { z } from 'zod';
import { defineRoute, type ApiRoute } from './api-contract';
import {
  ApiTokenCreateRequest,
  ApiTokenCreated,
  ApiTokenList,
  Me,
  Ok,
  PasswordChangeRequest,
  SessionState,
  SetupRequest,
  SignInRequest,
  TokenIdParams,
} from './schemas/auth';
import { Health, Readiness, ServerInfo } from './schemas/system';

/**
 * Every REST route of Mutua, grouped by area. The server refuses to start if a route here
 * has no handler; the OpenAPI document is generated from these tables.
 */
export const systemRoutes = {
  health: defineRoute({
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    summary: 'Liveness: the process answers.',
    tag: 'system',
    public: true,
    response: Health,
  }),
  ready: defineRoute({
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    summary: 'Readiness: the database (and Redis when configured) answer.',
    tag: 'system',
    public: true,
    response: Readiness,
  }),
  info: defineRoute({
    method: 'get',
    path: '/api/info',
    operationId: 'getServerInfo',
    summary: 'Server name, version, protocol version and whether first-run setup is pending.',
    tag: 'system',
    public: true,
    response: ServerInfo,
  }),
  openapi: defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This API described as an OpenAPI 3.1 document.',
    tag: 'system',
    public: true,
    response: z.record(z.string(), z.unknown()),
  }),
} satisfies Record<string, ApiRoute>;

export const authRoutes = {
  setup: defineRoute({
    method: 'post',
    path: '/api/setup',
    operationId: 'completeSetup',
    summary: 'Create the first admin with the one-time setup link printed at first start.',
    tag: 'auth',
    public: true,
    body: SetupRequest,
    response: Me,
    status: 201,
  }),
  signIn: defineRoute({
    method: 'post',
    path: '/api/auth/sign-in',
    operationId: 'signIn',
    summary: 'Sign in with email and password; sets the session cookie.',
    tag: 'auth',
    public: true,
    body: SignInRequest,
    response: Me,
  }),
  signOut: defineRoute({
    method: 'post',
    path: '/api/auth/sign-out',
    operationId: 'signOut',
    summary: 'End this session.',
    tag: 'auth',
    public: false,
    response: Ok,
  }),
  signOutEverywhere: defineRoute({
    method: 'post',
    path: '/api/auth/sign-out-everywhere',
    operationId: 'signOutEverywhere',
    summary: 'End every session of this account, this one included.',
    tag: 'auth',
    public: false,
    response: Ok,
  }),
  session: defineRoute({
    method: 'get',
    path: '/api/session',
    operationId: 'getSession',
    summary: 'Who is signed in on this browser, or null: never a 401, for the app shell.',
    tag: 'auth',
    public: true,
    response: SessionState,
  }),
  me: defineRoute({
    method: 'get',
    path: '/api/me',
    operationId: 'getMe',
    summary: 'Who is signed in.',
    tag: 'auth',
    public: false,
    response: Me,
  }),
  changePassword: defineRoute({
    method: 'post',
    path: '/api/me/password',
    operationId: 'changePassword',
    summary: 'Change the password; every other session of the account ends.',
    tag: 'auth',
    public: false,
    body: PasswordChangeRequest,
    response: Ok,
  }),
  listTokens: defineRoute({
    method: 'get',
    path: '/api/me/tokens',
    operationId: 'listApiTokens',
    summary: 'Personal API tokens (names and dates; never the tokens).',
    tag: 'auth',
    public: false,
    response: ApiTokenList,
  }),
  createToken: defineRoute({
    method: 'post',
    path: '/api/me/tokens',
    operationId: 'createApiToken',
    summary: 'Create a personal API token, shown once, for `Authorization: Bearer`.',
    tag: 'auth',
    public: false,
    body: ApiTokenCreateRequest,
    response: ApiTokenCreated,
    status: 201,
  }),
  revokeToken: defineRoute({
    method: 'delete',
    path: '/api/me/tokens/:tokenId',
    operationId: 'revokeApiToken',
    summary: 'Revoke a personal API token.',
    tag: 'auth',
    public: false,
    params: TokenIdParams,
    response: Ok,
  }),
} satisfies Record<string, ApiRoute>;

/** All routes, for the OpenAPI document and the handler-coverage check. */
export const allRoutes: readonly ApiRoute[] = [
  ...Object.values(systemRoutes),
  ...Object.values(authRoutes),
];
