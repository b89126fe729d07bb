// The browser's zod settings live with the schemas, so that they hold before any is used.
import '../shared/zod-setup';
