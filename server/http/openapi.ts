import { z } from 'zod';
import type { ApiRoute } from '../../shared/api-contract';
import { ErrorBody } from '../../shared/schemas/common';
import { HTTP_STATUS } from '../../shared/errors';
import { SESSION_COOKIE } from '../../shared/protocol';
import { answersText } from './route-binding';

type JsonObject = Record<string, unknown>;

function clean(schema: JsonObject): JsonObject {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function idOf(schema: z.ZodType): string | undefined {
  const meta = z.globalRegistry.get(schema);
  return typeof meta?.id === 'string' ? meta.id : undefined;
}

function schemaFor(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const id = idOf(schema);
  const suffix = io === 'input' ? 'Input' : '';
  if (id) return { $ref: `#/components/schemas/${id}${suffix}` };
  const inline = clean(
    z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonObject,
  );
  // Registered sub-schemas come out as local $defs; point them at the shared components.
  delete inline.$defs;
  return JSON.parse(
    JSON.stringify(inline).replace(/"#\/\$defs\/([\w.-]+)"/g, `"#/components/schemas/$1${suffix}"`),
  ) as JsonObject;
}

function componentSchemas(): JsonObject {
  const out: JsonObject = {};
  for (const io of ['output', 'input'] as const) {
    const suffix = io === 'input' ? 'Input' : '';
    const { schemas } = z.toJSONSchema(z.globalRegistry, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      uri: (ref) => `#/components/schemas/${ref}${suffix}`,
    }) as { schemas: Record<string, JsonObject> };
    for (const [name, schema] of Object.entries(schemas)) out[`${name}${suffix}`] = clean(schema);
  }
  return out;
}

function parameters(route: ApiRoute): JsonObject[] {
  const list: JsonObject[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!(schema instanceof z.ZodObject)) continue;
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      list.push({
        name,
        in: where,
        required: where === 'path' || !field.safeParse(undefined).success,
        schema: schemaFor(field, 'input'),
      });
    }
  }
  return list;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

/** The OpenAPI 3.1 document of the given routes, generated from their schemas. */
export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string): JsonObject {
  void ErrorBody; // registered in the global registry by import; referenced below
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const openPath = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const status = String(route.status ?? 200);
    const responses: JsonObject = {
      [status]:
        status === '204'
          ? { description: 'Done.' }
          : {
              description: 'Success.',
              content: {
                [answersText(route) ? 'text/plain' : 'application/json']: {
                  schema: schemaFor(route.response, 'output'),
                },
              },
            },
      '400': errorResponse('The request is not valid (`validation_failed` lists the fields).'),
      '429': errorResponse('Too many requests.'),
      '500': errorResponse('Unexpected server error.'),
    };
    if (!route.public) {
      responses['401'] = errorResponse('No valid credentials.');
      responses['403'] = errorResponse('Not allowed for this person.');
    }
    const operation: JsonObject = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: parameters(route),
      responses,
      ...(route.public ? { security: [] } : {}),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaFor(route.body, 'input') } },
      };
    }
    (paths[openPath] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mutua API',
      version,
      description: `Error statuses: ${Object.entries(HTTP_STATUS)
        .map(([code, s]) => `${code} → ${s}`)
        .join(', ')}.`,
    },
    servers: [{ url: '/' }],
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token.' },
      },
      schemas: componentSchemas(),
    },
    paths,
  };
}
