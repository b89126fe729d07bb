import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/**
 * Paths never written to the log: credentials, tokens and anything a person typed.
 * Board content never reaches the logger at all; these catch accidents.
 */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'password',
  'token',
  '*.password',
  '*.token',
  'body',
];

export function createLogger(config: Pick<Config, 'logLevel' | 'development'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(config.development
      ? { transport: { target: 'pino-pretty', options: { colorize: true } } }
      : {}),
  });
}
