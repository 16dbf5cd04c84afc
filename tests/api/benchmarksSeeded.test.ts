import { DEMO_DFE_SOURCES } from '@kpi/seed';
import { dfeImportResponseSchema, dfePreviewResponseSchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkRoutes } from '../../server/src/comparators/benchmarkRoutes';
import { benchmarkState, dfeFile, FILES, postFile, postJson } from '../fixtures/benchmarks/support';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * The demo seed and the import read DfE files through the same reader and the same mappings, so
 * importing a reference file into the seeded demo with the seed's own mappings finds every
 * figure, and every neighbour average, already there: nothing new, nothing changed.
 */
describe(`importing a reference file into the seeded demo changes no figure (${testDriverName()})`, () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createSeededTestApp();
    if (!t.app.hasRoute({ method: 'POST', url: '/api/benchmarks/dfe/preview' })) {
      await t.app.register(benchmarkRoutes, { prefix: '/api', db: t.database.db });
    }
    cookie = await signInAs(t.app, 'analyst');
  });
  afterAll(() => t.close());

  for (const [file, key] of [
    [FILES.c4, 'c4'],
    [FILES.csww, 'csww'],
    [FILES.cla, 'cla'],
    [FILES.lait, 'lait'],
  ] as const) {
    it(`${key}: the seed's mappings for ${file}`, async () => {
      const mappings = DEMO_DFE_SOURCES.filter((s) => s.file === key).map((s) => s.mapping);
      expect(mappings.length).toBeGreaterThan(0);
      const before = await benchmarkState(t.database.db);
      const preview = await postFile(t.app, cookie, `/api/benchmarks/dfe/preview?fileName=${file}`, dfeFile(file));
      expect(preview.statusCode, preview.body).toBe(200);
      const { upload } = dfePreviewResponseSchema.parse(preview.json());
      const response = await postJson(t.app, cookie, '/api/benchmarks/dfe/import', {
        uploadId: upload.id,
        sourceRelease: `Re-import of ${file}`,
        mappings,
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = dfeImportResponseSchema.parse(response.json());
      expect(body.totals.inserted, JSON.stringify(body.changes.slice(0, 3))).toBe(0);
      expect(body.totals.changed, JSON.stringify(body.changes.slice(0, 3))).toBe(0);
      expect(body.totals.unchanged).toBeGreaterThan(1000);
      expect(body.neighbourAverages.written).toMatchObject({ inserted: 0, changed: 0, removed: 0 });
      expect(body.neighbourAverages.written.unchanged).toBeGreaterThan(0);
      const after = await benchmarkState(t.database.db);
      expect(after.comparator_values).toBe(before.comparator_values);
    });
  }
});
