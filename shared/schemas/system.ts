import '../zod-setup';
import { z } from 'zod';

export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;

export const ReadinessCheck = z.object({
  name: z.enum(['database', 'redis']),
  ok: z.boolean(),
  detail: z.string().optional(),
});

export const Readiness = z
  .object({ status: z.enum(['ready', 'not_ready']), checks: z.array(ReadinessCheck) })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;

export const ServerInfo = z
  .object({
    name: z.literal('Mutua'),
    version: z.string(),
    protocolVersion: z.number().int(),
    locales: z.array(z.string()),
    setupRequired: z.boolean(),
  })
  .meta({ id: 'ServerInfo' });
export type ServerInfo = z.infer<typeof ServerInfo>;
