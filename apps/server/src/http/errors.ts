import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type ApiError, describeIssues } from '@care/schema';

export class NotFoundError extends Error {}

/**
 * One place that turns failures into ApiError bodies: zod failures into 400 with the issues,
 * client errors with their own message, and anything else into a 500 with no internals.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status: number;
    let body: ApiError;
    if (error instanceof z.ZodError) {
      status = 400;
      body = { error: 'bad_request', message: 'The request is invalid', issues: describeIssues(error) };
    } else if (error instanceof NotFoundError) {
      status = 404;
      body = { error: 'not_found', message: error.message };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      body = { error: error.code ?? 'bad_request', message: error.message };
    } else {
      request.log.error({ err: error }, 'request failed');
      status = 500;
      body = { error: 'internal', message: 'Something went wrong on the server' };
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url}` }),
  );
}
