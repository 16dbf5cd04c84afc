import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRequestContext } from '../../server/src/http/requestContext';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';

// Counts the organisation look-ups: a request works out its organisation once, in its context.
const lookups = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../server/src/organisations/organisationRepository', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/organisations/organisationRepository')>();
  return {
    ...actual,
    findOrganisation: (...args: Parameters<typeof actual.findOrganisation>) => {
      lookups.count += 1;
      return actual.findOrganisation(...args);
    },
  };
});

describe('the request context', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createSeededTestApp();
    cookie = await signInAs(t.app, 'viewer');
  }, 120_000);
  afterAll(async () => t?.close());

  it('looks the organisation up once for a whole scorecard request', async () => {
    lookups.count = 0;
    const response = await t.app.inject({ method: 'GET', url: '/api/scorecard?month=2021-03', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(lookups.count).toBe(1);
  });

  it('looks the organisation up once for a board pack, which builds several scorecards and series', async () => {
    lookups.count = 0;
    const url = '/api/exports/board-pack/data?month=2021-03&kpis=PI1,PI2,PI3';
    const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(lookups.count).toBe(1);
  });

  it('gives an anonymous request no organisation: it is refused before any look-up', async () => {
    lookups.count = 0;
    const response = await t.app.inject({ method: 'GET', url: '/api/scorecard?month=2021-03' });
    expect(response.statusCode).toBe(401);
    expect(lookups.count).toBe(0);

    const anonymous = createRequestContext(t.database.db, null, {
      requestId: 'r',
      ipAddress: '127.0.0.1',
      userAgent: null,
      now: new Date(),
    });
    await expect(anonymous.organisation()).rejects.toMatchObject({ status: 401 });
    await expect(anonymous.requireOrganisation()).rejects.toMatchObject({ status: 401 });
    expect(lookups.count).toBe(0);
    expect(anonymous.auditActor()).toEqual({
      userId: null,
      username: null,
      requestId: 'r',
      ipAddress: '127.0.0.1',
      organisationId: null,
    });
  });
});
