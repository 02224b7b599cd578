import type { FastifyRequest } from 'fastify';

/**
 * How a request is logged: as Fastify does, but the query's values left out. They can be personal
 * data (the records searched by a person's name: `/api/records?keyword=…`), which the log, kept
 * and read by others than those who may see the cases, must not hold.
 */
export function loggedRequest(request: FastifyRequest) {
  return { method: request.method, url: withoutQueryValues(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

function withoutQueryValues(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const names = url.slice(start + 1).split('&').map((pair) => `${pair.split('=')[0]}=…`);
  return `${url.slice(0, start)}?${names.join('&')}`;
}
