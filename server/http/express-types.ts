import type { Principal } from '../auth/principal';

declare global {
  // Express declares Request in this namespace; this adds what our middleware sets.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the authentication middleware before any route runs. */
      principal?: Principal | null;
    }
  }
}

export {};
