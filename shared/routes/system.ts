import '../zod-setup';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-contract';
import { Health, Readiness, ServerInfo } from '../schemas/system';

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
  metrics: defineRoute({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary:
      'Operator figures in Prometheus text format (memory, open descriptors, event-loop ' +
      'delay, boards loaded, connections). Needs `Authorization: Bearer <METRICS_TOKEN>` ' +
      'instead of a person: 401 with another token, 404 when METRICS_TOKEN is not set.',
    tag: 'system',
    // No person signs in here: the handler checks the operator's own token.
    public: true,
    // A plain string response is served as text (see server/http/route-binding.ts).
    response: z.string(),
  }),
} satisfies Record<string, ApiRoute>;
