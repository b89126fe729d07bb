import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], {
    error: 'expected 1, 0, true, false, yes or no',
  })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Environment variables Mutua reads, each with what it expects. The README's configuration
 * table is this schema written out; change both together.
 */
export const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a port number from 0 to 65535' })
    .int('expected a port number from 0 to 65535')
    .min(0, 'expected a port number from 0 to 65535')
    .max(65535, 'expected a port number from 0 to 65535')
    .default(3000),
  HOST: z
    .string()
    .min(1, 'expected a host name or address to listen on, e.g. 0.0.0.0')
    .default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'expected a folder path').default('./data'),
  DATABASE_URL: z
    .url({ error: 'expected a postgres:// or postgresql:// URL' })
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'expected a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .url({ error: 'expected a redis:// or rediss:// URL' })
    .refine((v) => /^rediss?:\/\//.test(v), 'expected a redis:// or rediss:// URL')
    .optional(),
  PUBLIC_URL: z
    .url({ error: 'expected the http(s) URL people open, e.g. https://mutua.example.org' })
    .refine((v) => /^https?:\/\//.test(v), 'expected an http:// or https:// URL')
    .optional(),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d+|[\w.:/, -]+)$/,
      'expected true, false, a hop count or a list of addresses',
    )
    .optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  MUTUA_DEMO: booleanFlag.default(false),
  METRICS_TOKEN: z
    .string()
    .min(32, 'expected a secret of at least 32 characters, e.g. from `openssl rand -hex 32`')
    .regex(/^\S+$/, 'expected a secret without spaces')
    .optional(),
  BOARD_UNLOAD_AFTER_MS: z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int('expected a whole number of milliseconds')
    .min(0, 'expected a number of milliseconds, 0 or more')
    .default(30_000),
  BOARD_COMMIT_WINDOW_MS: z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int('expected a whole number of milliseconds')
    .min(0, 'expected a number of milliseconds, 0 or more')
    .max(1_000, 'expected at most 1000 ms: edits wait this long before they are stored and relayed')
    .default(2),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Origin people open; undefined means "whatever local address we listen on". */
  publicUrl: URL | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Express `trust proxy` value. */
  trustProxy: boolean | number | string;
  development: boolean;
  demo: boolean;
  /** Folder of the built client. */
  clientDir: string;
  /** Bearer token of `GET /metrics`; undefined: the endpoint answers 404. */
  metricsToken: string | undefined;
  /** A board nobody has open is written down and dropped from memory after this long. */
  boardUnloadAfterMs: number;
  /** Board edits are committed at most once per this many ms (0: once per event-loop turn). */
  boardCommitWindowMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; expected: string }[]) {
    super(problems.map((p) => `${p.variable}: ${p.expected}`).join('\n'));
    this.name = 'ConfigError';
  }
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Reads and validates the environment. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        expected: issue.message,
      })),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL === undefined ? undefined : new URL(e.PUBLIC_URL),
    logLevel: e.LOG_LEVEL,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    development: e.NODE_ENV === 'development',
    demo: e.MUTUA_DEMO,
    clientDir: path.join(projectRoot(import.meta.dirname), 'dist/client'),
    metricsToken: e.METRICS_TOKEN,
    boardUnloadAfterMs: e.BOARD_UNLOAD_AFTER_MS,
    boardCommitWindowMs: e.BOARD_COMMIT_WINDOW_MS,
  };
}

/**
 * The folder holding package.json, above `from`: the same whether the server runs from its
 * sources (server/) or from its build (dist/server/).
 */
export function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
