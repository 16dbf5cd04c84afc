import { healthResponseSchema, problemSchema, readyResponseSchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

describe(`operations endpoints (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /api/health answers while the process is up', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(healthResponseSchema.parse(response.json()).status).toBe('ok');
  });

  it('GET /api/ready names the database driver in use', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(response.statusCode).toBe(200);
    expect(readyResponseSchema.parse(response.json()).database).toBe(testDriverName());
  });

  it('GET /api/openapi.json documents every route with an operationId', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, { operationId?: string }>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/health',
      '/api/ready',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/overview',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    for (const operation of operations) expect(operation.operationId).toBeTruthy();
    expect(doc.paths['/api/auth/login']?.post).toMatchObject({ operationId: 'login' });
  });

  it('serves browsable API docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers an unknown API path with a problem+json 404 carrying the request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(response.json());
    expect(problem.requestId).toBe(response.headers['x-request-id']);
  });
});

describe(`failures (${testDriverName()})`, () => {
  it('a 5xx never shows internals', async () => {
    const t = await createTestApp();
    t.app.get('/api/test-explodes', async () => {
      throw new Error('relation "secret_table" does not exist at /srv/app/db.ts:42');
    });
    const response = await t.app.inject({ method: 'GET', url: '/api/test-explodes' });
    expect(response.statusCode).toBe(500);
    const problem = problemSchema.parse(response.json());
    expect(response.body).not.toMatch(/secret_table|db\.ts|stack/);
    expect(problem.detail).toBe('Something went wrong on our side.');
    await t.close();
  });

  it('GET /api/ready answers 503 when the database is gone, while /api/health still answers', async () => {
    const t = await createTestApp();
    await t.database.close();
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(503);
    expect(problemSchema.parse(ready.json()).title).toBe('Service unavailable');
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    await t.app.close();
  });
});
