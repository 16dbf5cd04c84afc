import { describe, expect, it } from 'vitest';
import { type ExportDocument, type ExportTable, monthCell, num, toCsv, toCsvNotes } from './tabular';

const table: ExportTable = {
  title: 'Every KPI, March 2021',
  name: 'Scorecard',
  columns: [{ header: 'KPI' }, { header: 'Month' }, { header: 'Value' }, { header: 'Commentary' }],
  rows: [
    ['PI1', monthCell('2021-03'), num(91.44, 'percent', 1), '=SUM(A1)'],
    ['PI2', monthCell('2021-03'), num(-0.01, 'plain', 1)],
  ],
};

function doc(marking: ExportDocument['marking']): ExportDocument {
  return {
    title: 'Scorecard, March 2021',
    organisation: 'Sandwell',
    period: 'March 2021',
    producedAt: new Date('2021-04-05T10:00:00Z'),
    marking,
    sources: ['Sandwell: monthly returns.', 'England: DfE, "Children in need", 2021.'],
    notes: ['Figures are rounded.'],
    sheets: [{ name: 'Scorecard', tables: [table] }],
    csv: [{ part: 'scorecard', table }],
  };
}

const MARKING = { text: 'OFFICIAL-SENSITIVE – unpublished until 23 August 2021', until: '2021-08-23' };

const text = (bytes: Buffer) => bytes.toString('utf8');

describe('tidy CSV', () => {
  it('writes the header row first, then data rows only, every row as wide as the header', () => {
    const csv = text(toCsv(doc(null), table));
    expect(csv.startsWith('\uFEFFKPI,Month,Value,Commentary,Protective marking\r\n')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'KPI,Month,Value,Commentary,Protective marking',
      "PI1,2021-03,91.4,'=SUM(A1),",
      'PI2,2021-03,0.0,,',
      '',
    ]);
  });

  it('carries the protective marking on every data row', () => {
    const lines = text(toCsv(doc(MARKING), table))
      .slice(1)
      .split('\r\n')
      .slice(1, -1);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.endsWith(`,${MARKING.text}`)).toBe(true);
  });

  it('refuses a row wider than its header rather than shifting the columns', () => {
    const wide = { ...table, rows: [['PI1', null, null, null, 'extra']] };
    expect(() => toCsv(doc(null), wide)).toThrow(/wider than its header/);
  });

  it('puts the metadata in a notes CSV of its own: items, sources, notes, files and marking', () => {
    const lines = text(toCsvNotes(doc(MARKING), [{ fileName: 'scorecard-2021-03.csv', title: table.title }]))
      .slice(1)
      .split('\r\n');
    expect(lines[0]).toBe('Item,Text,Protective marking');
    const marked = (line: string) => `${line},${MARKING.text}`;
    expect(lines).toEqual([
      'Item,Text,Protective marking',
      marked('Title,"Scorecard, March 2021"'),
      marked('Organisation,Sandwell'),
      marked('Period,March 2021'),
      marked('Produced,5 April 2021'),
      marked(`Protective marking,${MARKING.text}`),
      marked('Data file,"scorecard-2021-03.csv: Every KPI, March 2021"'),
      marked('Source,Sandwell: monthly returns.'),
      marked('Source,"England: DfE, ""Children in need"", 2021."'),
      marked('Note,Figures are rounded.'),
      '',
    ]);
  });
});
