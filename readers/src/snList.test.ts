import { describe, expect, it } from 'vitest';
import { parseSnList } from './snList';
import { TidyCsvError } from './tidyCsv';

const rows = (...lines: string[]) => lines.map((line, i) => ({ line: i + 1, cells: line.split(',') }));

describe('parseSnList', () => {
  it('reads the April 2021 layout (SN1, SNP …), with its "Old SNs" block', () => {
    const list = parseSnList(
      rows(
        'LA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP',
        '333,Sandwell,333,5,West Midlands,332,Very Close,-,',
        ',Old SNs:,,,,,,,',
        '928,Northamptonshire,928,4,East Midlands,855,Close,857,Somewhat close',
      ),
    );
    expect(list.layout).toBe('april_2021');
    expect(list.problems).toEqual([]);
    expect(list.entries).toEqual([
      {
        row: 2,
        laNumber: '333',
        name: 'Sandwell',
        oldBlock: false,
        neighbours: [
          { rank: 1, laNumber: '332', closeness: 'Very Close', column: 'SN1', columnIndex: 5 },
          { rank: 2, laNumber: '', closeness: null, column: 'SN2', columnIndex: 7 },
        ],
      },
      expect.objectContaining({ row: 4, laNumber: '928', oldBlock: true }),
    ]);
  });

  it('reads the 2025 wide layout (SN_1, SN_1P …)', () => {
    const list = parseSnList(
      rows(
        'old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P',
        '333,Sandwell,5,West Midlands,332,Close ,336,',
      ),
    );
    expect(list.layout).toBe('wide_2025');
    expect(list.entries[0]?.neighbours.map((n) => [n.laNumber, n.closeness])).toEqual([
      ['332', 'Close'],
      ['336', null],
    ]);
  });

  it('reports a neighbour that is not an LA number, and a subject with neighbours but no number', () => {
    const list = parseSnList(rows('LA num,LA Name,SN1,SNP', '333,Sandwell,Dudley,Close', ',Walsall,332,Close'));
    expect(list.problems.map((p) => p.message)).toEqual([
      'Row 2, column SN1: "Dudley" is not a three-digit DfE LA number',
      'Row 3, column LA num: the authority "Walsall" has neighbours listed but no LA number',
    ]);
  });

  it('refuses a file with no SN1 column, or with a rank missing', () => {
    expect(() => parseSnList(rows('la,name,value', '333,Sandwell,1'))).toThrow(TidyCsvError);
    expect(() => parseSnList(rows('LA num,LA Name,SN1,SNP,SN3,SNP', '333,Sandwell,332,,336,'))).toThrow(
      /no column for neighbour rank 2/,
    );
  });
});
