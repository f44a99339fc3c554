import { z } from 'zod';

// Default validation messages in Chinese; schemas still give their own where a field needs naming.
z.config(z.locales.zhCN());

// In the browser the page's Content-Security-Policy forbids eval (server/src/http/app.ts SECURITY_HEADERS): zod must
// not compile its parsers with `new Function`, nor probe whether it may (the probe itself is a refused eval).
if ('document' in globalThis) z.config({ jitless: true });
