import { meetingListResponseSchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * The demo's meetings are published (their papers are public), so their months are locked as
 * publishing a meeting on screen locks them: the bands they were reported with cannot be changed
 * behind the board's back, and the contract screen must not say "No meeting has been published yet".
 * (Found walking the commissioner's journey: bands from June 2025 re-rated two months the
 * 8 September 2025 board had already received.)
 */
describe(`the demo's published meetings lock their months (${testDriverName()})`, () => {
  let t: TestApp;
  let cookie: string;
  const send = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createSeededTestApp();
    cookie = await signInAs(t.app, 'commissioner');
  });
  afterAll(() => t.close());

  it('lists every published demo meeting as locked', async () => {
    const response = await send('GET', '/api/meetings');
    expect(response.statusCode, response.body).toBe(200);
    const { meetings } = meetingListResponseSchema.parse(response.json());
    expect(meetings.length).toBeGreaterThan(0);
    expect(meetings.map((m) => [m.heldOn, m.locked])).toEqual(meetings.map((m) => [m.heldOn, m.publishedAt !== null]));
  });

  it('lets bands change only after July 2025, the last month the 8 September 2025 board received', async () => {
    const bands = await send('GET', '/api/contract/indicators/PI2/bands');
    expect(bands.statusCode, bands.body).toBe(200);
    expect(bands.json().changeableFrom).toBe('2025-08');

    const refused = await send('POST', '/api/contract/proposals/threshold', {
      indicatorCode: 'PI2',
      effectiveFrom: '2025-06',
      target: 'Target < 40 per 10,000',
      failure: 'Failure > 46 per 10,000',
      reason: 'Contract variation',
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('months_published');
  });
});
