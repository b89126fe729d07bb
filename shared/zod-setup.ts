import { z } from 'zod';

// In browsers, schemas run without generated code: the page's CSP forbids eval, and zod's
// probe for it would log a violation. Every schema module imports this first, so it holds
// before any schema is built or used, whatever order a bundler evaluates chunks in.
if (typeof window !== 'undefined') z.config({ jitless: true });
