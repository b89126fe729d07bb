import { createHash, timingSafeEqual } from 'node:crypto';
import type { Router } from 'express';
import { systemRoutes } from '../../shared/api';
import { AppError } from '../errors';
import {
  PROMETHEUS_CONTENT_TYPE,
  prometheusText,
  type Gauge,
} from '../observability/prometheus-text';
import { bindRoute } from './route-binding';

export interface MetricsRouteOptions {
  /** The operator's token (METRICS_TOKEN); undefined: the endpoint does not exist. */
  token: string | undefined;
  collect: () => Promise<Gauge[]>;
}

/**
 * `GET /metrics` for a Prometheus scraper. Not a person's route: it takes the operator's
 * own bearer token, and answers 404 where none is configured so that an unconfigured
 * server does not even tell that it has one.
 */
export function registerMetricsRoute(router: Router, options: MetricsRouteOptions) {
  bindRoute(router, systemRoutes.metrics, async ({ req, res }) => {
    if (options.token === undefined) throw new AppError('not_found', 'No such route.');
    if (!sameSecret(bearerOf(req.headers.authorization), options.token)) {
      throw new AppError('unauthenticated', 'The metrics token is missing or wrong.');
    }
    res.type(PROMETHEUS_CONTENT_TYPE);
    res.setHeader('Cache-Control', 'no-store');
    return prometheusText(await options.collect());
  });
}

function bearerOf(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

/** Compares digests of equal length, so the time taken tells nothing about the token. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
