import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

describe(`serving the client (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    const clientDist = mkdtempSync(path.join(tmpdir(), 'kpi-client-'));
    writeFileSync(path.join(clientDist, 'index.html'), '<!doctype html><title>KPI dashboard</title>');
    t = await createTestApp({ clientDist });
  });
  afterAll(() => t.close());

  it.each(['GET', 'HEAD'] as const)('%s of a client route answers with the app, so deep links work', async (method) => {
    const response = await t.app.inject({ method, url: '/scorecard?month=2021-03' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  it('a missing asset is a 404, not the app', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(response.statusCode).toBe(404);
  });

  it('an unknown API path is a problem+json 404, not the app', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
