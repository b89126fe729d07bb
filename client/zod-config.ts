import { z } from 'zod';

// Schemas run without generated code: the page's CSP forbids eval, and probing for it
// would log a violation on every load.
z.config({ jitless: true });
