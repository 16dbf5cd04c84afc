import { problemSchema, snModelImportResponseSchema, snModelListResponseSchema } from '@kpi/shared';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExcelJS } from '../../server/src/returns/excel';
import {
  type BenchmarkTestApp,
  benchmarkState,
  createBenchmarkTestApp,
  dfeFile,
  FILES,
  postFile,
  SANDWELL,
  sandwellNeighbourNumbers,
  snModelUrl,
} from '../fixtures/benchmarks/support';
import { testDriverName } from '../support/testDatabase';

/**
 * Issue 5: "Import a statistical-neighbour list (DfE's file)". DfE publishes the lists as
 * workbooks (sn_april_2021.xlsx, sn_may_2025.xlsx: a sheet "LA SN Groups" with two rows of column
 * letters and numbers above the headings). Each imports through the same route as the CSV, and
 * gives Sandwell the ten neighbours, in rank order, that this test reads from the CSV version of
 * the same model. A broken workbook is refused with the sheet and cell, and nothing is written.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WORKBOOKS = { april2021: 'sn_april_2021.xlsx', may2025: 'sn_may_2025.xlsx' } as const;

/** A real DfE workbook, changed by `edit`, as bytes. */
async function editedWorkbook(name: string, edit: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(dfeFile(name) as unknown as ArrayBuffer);
  edit(book.worksheets[0]!, book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The row of `sheet` whose first cell is the LA number `la`. */
function rowOf(sheet: ExcelJS.Worksheet, la: number): ExcelJS.Row {
  for (let line = 1; line <= sheet.rowCount; line++) {
    if (sheet.getRow(line).getCell(1).value === la) return sheet.getRow(line);
  }
  throw new Error(`no row for LA ${la}`);
}

describe(`statistical-neighbour lists from DfE's workbooks (${testDriverName()})`, () => {
  let t: BenchmarkTestApp;

  beforeAll(async () => {
    t = await createBenchmarkTestApp();
  });
  afterAll(() => t.close());

  const cases = [
    { code: 'xlsx-2021-04', workbook: WORKBOOKS.april2021, csv: FILES.sn2021, published: '2021-04' },
    { code: 'xlsx-2025-05', workbook: WORKBOOKS.may2025, csv: FILES.sn2025, published: '2025-05' },
  ] as const;

  for (const c of cases) {
    it(`imports ${c.workbook}: Sandwell's ten neighbours in the order of ${c.csv}`, async () => {
      const expected = sandwellNeighbourNumbers(c.csv).map((n) => t.areaOfLa.get(n)!);
      expect(expected).toHaveLength(10);
      expect(expected.every(Boolean)).toBe(true);

      const response = await postFile(
        t.app,
        t.cookies.analyst,
        snModelUrl(c.code, `DfE model from ${c.workbook}`, c.published, c.workbook),
        dfeFile(c.workbook),
        XLSX,
      );
      expect(response.statusCode, response.body).toBe(200);
      const body = snModelImportResponseSchema.parse(response.json());
      expect(body.created).toBe(true);
      expect(body.upload.fileName).toBe(c.workbook);
      // Every English authority with children's services (about 150), plus the "Old SNs" block.
      expect(body.subjects.added).toBeGreaterThan(145);
      expect(body.oldBlock).toBeGreaterThanOrEqual(3);
      expect(body.model.organisationNeighbours.map((n) => [n.rank, n.areaCode])).toEqual(
        expected.map((area, i) => [i + 1, area]),
      );

      const list = snModelListResponseSchema.parse(
        (
          await t.app.inject({ method: 'GET', url: '/api/benchmarks/sn-models', headers: { cookie: t.cookies.viewer } })
        ).json(),
      );
      const model = list.models.find((m) => m.code === c.code)!;
      expect(model.organisationNeighbours.map((n) => n.areaCode)).toEqual(expected);
      expect(model.sourceFile).toBe(c.workbook);
    });
  }

  it('the workbook and the CSV of the same model give every authority the same neighbours', async () => {
    // Importing the CSV over the model imported from the workbook changes no authority's list
    // (the workbook also lists a few authorities the CSV does not, which the CSV import removes).
    const response = await postFile(
      t.app,
      t.cookies.analyst,
      snModelUrl('xlsx-2025-05', 'DfE model from sn_may_2025.xlsx', '2025-05', FILES.sn2025),
      dfeFile(FILES.sn2025),
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = snModelImportResponseSchema.parse(response.json());
    expect(body.subjects.changed).toBe(0);
    expect(body.subjects.added).toBe(0);
    expect(body.subjects.unchanged).toBeGreaterThan(145);
    expect(body.model.organisationNeighbours[0]?.areaCode).toBe(t.areaOfLa.get('336'));
    expect(SANDWELL).toBe(t.areaOfLa.get('333'));
  });

  describe('a broken workbook is refused with the sheet and cell, and nothing is written', () => {
    async function refused(fileName: string, bytes: Buffer) {
      const before = await benchmarkState(t.database.db);
      const response = await postFile(
        t.app,
        t.cookies.analyst,
        snModelUrl('broken', 'Broken', '2025-05', fileName),
        bytes,
        XLSX,
      );
      expect(response.statusCode, response.body).toBe(400);
      expect(await benchmarkState(t.database.db)).toEqual(before);
      return problemSchema.parse(response.json());
    }

    it('a workbook without a neighbour sheet (DfE’s LA code list) names its sheets', async () => {
      const problem = await refused('la_code_list.xlsx', dfeFile('la_code_list.xlsx'));
      expect(problem.detail).toBe(
        'The workbook has no sheet with a statistical-neighbour list: none of its sheets ("Sheet1") has an SN1 (or SN_1) heading in its first 30 rows. Use DfE\'s children\'s services statistical-neighbour workbook (its "LA SN Groups" sheet).',
      );
    });

    it('a row with neighbours but no LA number', async () => {
      const bytes = await editedWorkbook(WORKBOOKS.may2025, (sheet) => {
        rowOf(sheet, 333).getCell(1).value = null;
      });
      const problem = await refused('sn_may_2025.xlsx', bytes);
      expect(problem.errors).toEqual([
        {
          path: 'file.row.110',
          message: `'LA SN Groups'!A110 (LA num): the authority "Sandwell" has neighbours listed but no LA number`,
        },
      ]);
    });

    it('a neighbour rank with two columns', async () => {
      const bytes = await editedWorkbook(WORKBOOKS.april2021, (sheet) => {
        sheet.getRow(3).getCell('J').value = 'SN2'; // J3 is SN3
      });
      const problem = await refused('sn_april_2021.xlsx', bytes);
      expect(problem.errors).toEqual([
        {
          path: 'file.row.3.SN2',
          message: `'LA SN Groups'!J3 (SN2): rank 2 has a second column (the first is 'LA SN Groups'!H3 (SN2)); each neighbour rank must appear once`,
        },
        {
          path: 'file.row.3',
          message: `'LA SN Groups'!3:3: the headings have no column for neighbour rank 3 (they go up to 10)`,
        },
      ]);
    });

    it('a neighbour that is not an LA number: its cell', async () => {
      const bytes = await editedWorkbook(WORKBOOKS.may2025, (sheet) => {
        rowOf(sheet, 333).getCell('F').value = 'Wolverhampton';
      });
      const problem = await refused('sn_may_2025.xlsx', bytes);
      expect(problem.errors).toEqual([
        {
          path: 'file.row.110.SN1',
          message: `'LA SN Groups'!F110 (SN1): "Wolverhampton" is not a three-digit DfE LA number`,
        },
      ]);
    });

    it('bytes that are not a workbook, named .xlsx', async () => {
      const problem = await refused('sn_may_2025.xlsx', dfeFile(FILES.sn2025));
      expect(problem.detail).toBe(
        '"sn_may_2025.xlsx" is named as an Excel workbook (.xlsx) but is not one: its contents are not a workbook. Upload DfE\'s statistical-neighbour workbook as downloaded, or its CSV version.',
      );
    });

    // A few bytes that address a far cell, or merge a whole sheet, made the server build billions
    // of cells (out of memory) before: they are refused with what is wrong, and the server answers.
    it('a cell far to the right or far down: refused by what it holds, not read to its width', async () => {
      const right = await editedWorkbook(WORKBOOKS.may2025, (sheet) => {
        sheet.getCell('XFD5').value = 'x';
      });
      expect((await refused('sn_may_2025.xlsx', right)).detail).toBe(
        'The sheet "LA SN Groups" has something in column XFD; a statistical-neighbour list has at most 200 columns. Delete what is beside the list, or upload DfE\'s workbook as downloaded.',
      );
      const down = await editedWorkbook(WORKBOOKS.may2025, (sheet) => {
        for (let line = 200; line < 2300; line++) sheet.getCell(`A${line}`).value = line;
      });
      expect((await refused('sn_may_2025.xlsx', down)).detail).toMatch(
        /has 2,\d{3} rows below its headings; a statistical-neighbour list has one per local authority \(at most 2,000 are read\)/,
      );
      const lonelyFarCell = await editedWorkbook(WORKBOOKS.may2025, (sheet) => {
        sheet.getCell('A1048576').value = ' ';
      });
      const response = await postFile(
        t.app,
        t.cookies.analyst,
        snModelUrl('far-blank', 'Far blank cell', '2025-05', 'sn_may_2025.xlsx'),
        lonelyFarCell,
        XLSX,
      );
      expect(response.statusCode, response.body).toBe(200);
    });

    it('a merged area of a whole sheet, a few bytes, is refused before the workbook is opened', async () => {
      const bytes = await editedWorkbook(WORKBOOKS.may2025, (sheet) => {
        sheet.mergeCells('AZ1:BA2');
      });
      const zip = await JSZip.loadAsync(bytes);
      const part = Object.keys(zip.files).find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))!;
      const xml = await zip.file(part)!.async('string');
      zip.file(part, xml.replace(/ref="AZ1:BA2"/, 'ref="E1:XFD1048576"'));
      const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      expect((await refused('sn_may_2025.xlsx', bomb)).detail).toMatch(
        /^The statistical-neighbour workbook was not opened\. The workbook merges more than 10,000 cells together/,
      );
    });
  });
});
