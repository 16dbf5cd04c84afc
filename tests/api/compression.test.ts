import { gunzipSync, gzipSync } from 'node:zlib';
import { returnUploadResponseSchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReturnsTestApp, fixture, type ReturnsTestApp, upload } from '../fixtures/returns/support';
import { testDriverName } from '../support/testDatabase';

/**
 * Large uncached responses (a backfill's preview is megabytes of JSON) are gzipped for browsers
 * that accept it; request bodies are read exactly as sent, never inflated.
 */
const driver = testDriverName();

describe(`compression (${driver})`, () => {
  let t: ReturnsTestApp;
  beforeAll(async () => {
    t = await createReturnsTestApp();
  });
  afterAll(() => t.close());

  it('gzips an upload preview when the browser accepts it, with the same JSON inside', async () => {
    const uploaded = await upload(t.app, t.cookies.commissioner, 'valid-wide.csv', fixture('valid-wide.csv'));
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const id = returnUploadResponseSchema.parse(uploaded.json()).upload.id;
    const get = (headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'GET',
        url: `/api/returns/uploads/${id}`,
        headers: { cookie: t.cookies.commissioner, ...headers },
      });

    const plain = await get();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await get({ 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(String(zipped.headers.vary)).toMatch(/accept-encoding/i);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
  });

  it('reads a gzip-encoded upload as the bytes sent: nothing is inflated, nothing is loaded', async () => {
    const bytes = gzipSync(fixture('valid-wide.csv'));
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/returns/uploads?fileName=valid-wide.csv',
      headers: { cookie: t.cookies.commissioner, 'content-type': 'text/csv', 'content-encoding': 'gzip' },
      payload: bytes,
    });
    // The gzip bytes are checked as the file: not a readable return, so rejected with the reason.
    expect(response.statusCode, response.body).toBe(200);
    const body = returnUploadResponseSchema.parse(response.json());
    expect(body.upload.byteSize).toBe(bytes.length);
    expect(body.upload.outcome).toBe('rejected');
    expect(body.counts.figures).toBe(0);
    expect(body.canCommit).toBe(false);
    expect(body.report.errors.length).toBeGreaterThan(0);
  });
});
