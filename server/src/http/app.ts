import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TDatabase } from '../db/client';
import { traceSqlInto } from '../db/sql-trace';
import { createRateLimit } from '../shared/rate-limit';
import { systemClock, type TClock } from '../shared/context';
import { createServices, type TServices } from '../modules';
import type { TAnyModule } from '../kit/module';
import { errorHandler } from './errors';
import { isApiPath, registerAuth, type TRouteEntry } from './auth';

export interface TAppOptions {
  database: TDatabase;
  clock?: TClock;
  /** pino level, or false for none (tests). */
  logLevel?: string | false;
  trustProxy?: boolean;
  /** The built web app to serve at /, when present. */
  webDist?: string;
  version?: string;
  filesDir?: string;
  /** Modules beyond the platform's own (the template's test). */
  extraModules?: readonly TAnyModule[];
  /**
   * Requests an address may make to the public routes without signing in (default 300 a minute); false for none (the
   * test harness, whose HTTP walks send thousands from one address).
   */
  publicRateLimit?: { max: number; windowMs: number } | false;
  /**
   * Milliseconds a resolved session is kept before it is looked up again (default 5,000; modules/org/session-cache.ts);
   * 0 in the test harness unless a test asks, as tests write users with SQL of their own.
   */
  sessionKeptMs?: number;
  /** Bench only (YINGJI_SQL_TRACE): the file traced requests' SQL is appended to; the database must log to sqlTraceLogger. */
  sqlTraceFile?: string;
}

/** How long a server keeps a resolved session: another process's change to a user or session is seen within it. */
const SESSION_KEPT_MS = 5_000;

export interface TApp {
  app: FastifyInstance;
  services: TServices;
  routes: TRouteEntry[];
}

/**
 * Sent with every answer. The page loads only its own scripts, styles, pictures and API (antd writes its styles inline,
 * hence 'unsafe-inline' for styles only; pictures may be data: and blob: URLs: signatures and previews); no other site
 * may frame it (clickjacking); a file is never sniffed into another type.
 */
/** Cache-Control of the web's content-hashed files (web/dist/assets/). */
export const IMMUTABLE_ASSET = 'public, max-age=31536000, immutable';
const isHashedAsset = (relative: string) => relative.split(path.sep)[0] === 'assets';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

/** Anonymous requests to public routes per address: a citizen's page makes a handful; a scraper is slowed. */
export const PUBLIC_RATE_LIMIT = { max: 300, windowMs: 60_000 } as const;

/** Builds the HTTP app over an opened database: modules, auth, OpenAPI, errors and the web app. */
export async function buildApp(options: TAppOptions): Promise<TApp> {
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger:
      options.logLevel === false
        ? false
        : {
            level: options.logLevel ?? 'info',
            // Request logs carry method, url and status; never bodies, cookies or tokens.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // The router's own refusals (a malformed %-escape, an overlong parameter) answer in our error shape.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  });
  if (options.sqlTraceFile) traceSqlInto(app, options.sqlTraceFile);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Yingji 应急管理综合监管平台 API', version: options.version ?? '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yingji_session' } } },
    },
    transform: jsonSchemaTransform,
  });

  const services = createServices({
    db: options.database.db,
    clock,
    ...(options.filesDir ? { filesDir: options.filesDir } : {}),
    ...(options.extraModules ? { extraModules: options.extraModules } : {}),
  });
  services.modules.org.sessions.keepFor(options.sessionKeptMs ?? SESSION_KEPT_MS);
  const routes: TRouteEntry[] = [];
  const publicLimit = options.publicRateLimit ?? PUBLIC_RATE_LIMIT;
  registerAuth(app, services.modules.org.auth, routes, publicLimit ? createRateLimit(publicLimit) : undefined);

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', {
    config: { access: 'public' },
    schema: {
      tags: ['system'],
      summary: '健康检查',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
    },
    handler: () => ({ status: 'ok' as const, database: options.database.kind }),
  });
  r.get('/api/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: () => app.swagger(),
  });
  services.mount(app);
  // Open server-sent event streams end when the server closes, or close() would wait for them.
  app.addHook('preClose', async () => services.live.closeAll());

  const webDist = options.webDist;
  const hasWeb = webDist !== undefined && fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // Vite names every file under assets/ by its content hash: a browser keeps it for a year and never asks again.
    // The page itself (index.html, the SPA's routes) is asked for each time, so a new build is seen at once.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', isHashedAsset(path.relative(webDist, filePath)) ? IMMUTABLE_ASSET : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && hasWeb && !isApiPath(request.url)) {
      // The SPA's own routes (/login, /org/users …) are answered with its page.
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.status(404).send({ code: 'not_found', message: `没有这个接口：${request.method} ${request.url.split('?')[0]}` });
  });

  await app.ready();
  return { app, services, routes };
}
