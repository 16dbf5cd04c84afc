import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * An address that is nearly the API's (`//api/…`, `/API/…`, a dot segment, `/api` itself) is an
 * attempt at the API, so it is answered 404 in the problem shape, never with the client's page: a
 * script or a tester would take the page's 200 for the API's answer. Sent over a real socket, as
 * written (an in-process request would tidy the address first).
 */
describe(`addresses nearly the API's (${testDriverName()})`, () => {
  let t: TestApp;
  let folder: string;
  let port: number;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'kpi-near-miss-'));
    writeFileSync(
      path.join(folder, 'index.html'),
      '<!doctype html><head><title>KPI dashboard</title></head><body><div id="root"></div></body>',
    );
    t = await createTestApp({ clientDist: folder });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** GET with the address exactly as written. */
  const raw = (address: string) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, method: 'GET', path: address }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }),
        );
      });
      request.on('error', reject);
      request.end();
    });

  it('serves the page for a client route (the control)', async () => {
    const page = await raw('/scorecard');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/text\/html/);
  });

  it.each([
    '//api/scorecard',
    '///api/health',
    '/API/scorecard',
    '/Api/health',
    '/api',
    '/API',
    '/api/',
    '/x/../api/scorecard',
    '/./api/scorecard',
    '/api/scorecard/',
    '/api//scorecard',
    '/%41PI/scorecard',
  ])('answers %s with a 404 problem, not the page', async (address) => {
    const answer = await raw(address);
    expect(answer.type, answer.body.slice(0, 80)).toMatch(/^application\/problem\+json/);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('<!doctype html>');
  });
});
