/**
 * The Fastify application: plugins, the error handler, the API routes, the OpenAPI document at
 * /api/openapi.json with its docs page at /api/docs, and the web app's static files.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installAuth } from './auth.ts';
import type { AppContext } from './context.ts';
import { installErrorHandler } from './errors.ts';
import { installNulGuard } from './nul-guard.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { itemRoutes } from './routes/items.ts';
import { jobRoutes } from './routes/jobs.ts';
import { onboardingRoutes } from './routes/onboarding.ts';
import { poolRoutes } from './routes/pools.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { projectRoutes } from './routes/projects.ts';
import { qualityRoutes } from './routes/quality.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { routingRoutes } from './routes/routing.ts';
import { strategyRoutes } from './routes/strategy.ts';
import { taskRoutes } from './routes/tasks.ts';
import { userRoutes } from './routes/users.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { installSecurity } from './security.ts';

export const WEB_DIST = resolve(import.meta.dirname, '../../dist/web');

export interface BuildAppOptions {
  /** Where the built web app is; the API alone is served when it is missing. */
  webRoot?: string;
  logger?: boolean;
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false || ctx.config.logLevel === 'silent' ? false : { level: ctx.config.logLevel },
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: false,
    // Ids in routes are numbers; a long garbage path must not reach the handlers.
    routerOptions: { maxParamLength: 100 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installNulGuard(app);

  installSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: 200 * 1024 * 1024, files: 100_000, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Atelier API',
        description:
          'Annotation operations for hybrid in-house, vendor and crowd labeling teams. Authenticate with the session cookie from `POST /api/v1/auth/login`, or with `Authorization: Bearer <API token>`. Errors are `{"error": {"code", "message", "details"}}`.',
        version: '1',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'atelier_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installSecurity(app, { allowedOrigins: ctx.config.allowedOrigins, maxAuthFailures: ctx.config.authFailuresPerMinute });
  installAuth(app, ctx);
  for (const routes of [healthRoutes, authRoutes, projectRoutes, taskRoutes, itemRoutes, importRoutes, userRoutes, reviewRoutes, auditRoutes, privacyRoutes, poolRoutes, routingRoutes, onboardingRoutes, exportRoutes, jobRoutes, webhookRoutes, qualityRoutes, analyticsRoutes, strategyRoutes]) {
    await routes(app, ctx);
  }
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = options.webRoot ?? WEB_DIST;
  if (existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, maxAge: '1h' });
    // The web app routes in the browser: any non-API GET that is not a file gets its page.
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html').send('<!doctype html><title>Atelier</title><p>Atelier API is running. The web app is not built: run <code>npm run build:web</code>. API docs: <a href="/api/docs">/api/docs</a></p>'),
    );
  }
  return app;
}
