import type { FastifyInstance } from 'fastify';

export interface DocumentedRoute {
  method: string;
  /** OpenAPI path, e.g. /api/indicators/{code}/series */
  path: string;
  operationId: string;
  queryParameters: string[];
}

/** Every route in the OpenAPI document (hidden ones, like the document itself, are not included). */
export async function documentedRoutes(app: FastifyInstance): Promise<DocumentedRoute[]> {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  const doc = response.json() as {
    paths: Record<string, Record<string, { operationId: string; parameters?: { in: string; name: string }[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operationId: operation.operationId,
      queryParameters: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
}

/** A concrete URL for a documented path, with plausible values for its parameters. */
export function concreteUrl(path: string, values: Record<string, string> = {}): string {
  const defaults: Record<string, string> = { code: 'PI1', id: '1', month: '2021-03', ...values };
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(defaults[name] ?? 'x'));
}
