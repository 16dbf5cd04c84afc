import {
  ACTION_STATUS_LABELS,
  type BoardPackData,
  type BoardPackKpi,
  COMPARISON_JUDGEMENT_WORDS,
  COMPARISON_RULE_WORDS,
  commentaryBlocks,
  formatDate,
  formatMonth,
  formatValue,
  headerWithUnit,
  linesWithinRange,
  type ScorecardItem,
  SPC_MONTH_WORDS,
  spcLimitsWords,
  symbolMeaning,
  UNIT_HEADER_WORDS,
} from '@kpi/shared';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { producedLine } from './boardPack';
import { sourceLines } from './sources';

/**
 * "Lower (52.4 per 10,000, 2025)": the KPI against one comparator, in words, with the comparator's
 * figure. The judgement is only ever the server's comparison: the shared rule, on the council's
 * figure for the comparator's own period, against other areas by `polarityAgainstOtherAreas` (so
 * PI2 is higher or lower, never better or worse). Where the server sent none, the council has no
 * figure for that period: judging the month's figure against another year's comparator instead,
 * by the contract's direction, would be neither like with like nor the rule against other areas,
 * so the pack says it was not compared and why. When the verdict was reached on another council
 * figure than the row's (its own DfE figure for the comparator's year, or another month's), a
 * second line names it, as the scorecard on screen and the PDF pack do: "Similar (18.1%)" beside
 * a month's 27.7% alone would read as a contradiction.
 */
function comparatorWords(item: ScorecardItem, line: 'statistical_neighbours' | 'england'): string[] {
  const comparator = item.comparators.find((c) => c.line === line);
  if (!comparator) return ['None published'];
  const figure = `(${comparator.displayValue}, ${comparator.timePeriod})`;
  // Not compared for a reason the server gave (another definition than DfE's): not judged by value here.
  if (comparator.notCompared) return [`${COMPARISON_JUDGEMENT_WORDS.not_compared} ${figure}`];
  if (!comparator.comparison) {
    const why =
      comparator.value === null ? [] : [`No ${item.code} figure for ${comparator.timePeriod} to compare with`];
    return [`${COMPARISON_JUDGEMENT_WORDS.not_compared} ${figure}`, ...why];
  }
  const verdict = `${COMPARISON_JUDGEMENT_WORDS[comparator.comparison.verdict]} ${figure}`;
  const compared = comparedFigure(item, comparator);
  return compared ? [verdict, compared] : [verdict];
}

/** The council figure a verdict was reached on, when it is not the row's own: "DfE 2023: 18.3%". */
function comparedFigure(item: ScorecardItem, comparator: ScorecardItem['comparators'][number]): string | null {
  const comparison = comparator.comparison;
  if (!comparison) return null;
  if (comparison.basis === 'dfe_official') return `DfE ${comparator.timePeriod}: ${comparison.councilDisplayValue}`;
  const { current } = item;
  const sameFigure = current.symbol === null && current.value !== null && current.value === comparison.councilValue;
  return sameFigure ? null : `Compared: ${comparison.councilDisplayValue}`;
}

/** A chart drawn by the print page: PNG bytes at twice its CSS size, and that CSS size. */
export type ChartImage = { code: string; png: Buffer; width: number; height: number };

const STATUS_WORDS = { green: 'Green', amber: 'Amber', red: 'Red', no_data: 'No data' } as const;
const STATUS_FILLS = { green: 'CCE2D8', amber: 'FFF7BF', red: 'F6D7D2', no_data: 'F3F2F1' } as const;
const PROVENANCE_WORDS = {
  uploaded_return: 'Monthly return',
  published_paper: 'Published paper',
  illustrative: 'Illustrative',
} as const;
const MARKING_COLOUR = 'B10E1E';
/** Usable width of A4 landscape with 1.5 cm margins, in CSS pixels (96 per inch): 26.7 cm. */
const CONTENT_WIDTH_PX = 1000;
const MAX_CHART_HEIGHT_PX = 470;

function text(value: string, options: { bold?: boolean; size?: number; colour?: string } = {}) {
  return new TextRun({
    text: value,
    ...(options.bold ? { bold: true } : {}),
    ...(options.size ? { size: options.size } : {}),
    ...(options.colour ? { color: options.colour } : {}),
  });
}

function para(value: string, options: { bold?: boolean; size?: number; colour?: string; spacingAfter?: number } = {}) {
  return new Paragraph({ children: [text(value, options)], spacing: { after: options.spacingAfter ?? 80 } });
}

function labelled(label: string, value: string) {
  return new Paragraph({ children: [text(`${label}: `, { bold: true }), text(value)], spacing: { after: 60 } });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' } as const;

/** A table cell: one paragraph, or one for each line given. */
function cell(value: string | readonly string[], options: { header?: boolean; fill?: string; align?: 'right' } = {}) {
  const lines = typeof value === 'string' ? [value] : value;
  return new TableCell({
    children: lines.map(
      (line) =>
        new Paragraph({
          children: [text(line, { bold: options.header ?? false, size: 18 })],
          ...(options.align === 'right' ? { alignment: AlignmentType.RIGHT } : {}),
        }),
    ),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER },
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } } : {}),
  });
}

function table(
  header: string[],
  rows: { cells: (string | readonly string[])[]; fills?: (string | undefined)[] }[],
  numeric: number[] = [],
) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) =>
          cell(h, { header: true, fill: 'F3F2F1', ...(numeric.includes(i) ? { align: 'right' as const } : {}) }),
        ),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.cells.map((value, i) =>
              cell(value, {
                ...(row.fills?.[i] ? { fill: row.fills[i] } : {}),
                ...(numeric.includes(i) ? { align: 'right' as const } : {}),
              }),
            ),
          }),
      ),
    ],
  });
}

function directionWords(item: ScorecardItem): string {
  return [item.direction.previousMonth, item.direction.sameMonthLastYear]
    .map((c) => {
      const was =
        c.comparisonValue === null ? '' : ` (was ${formatValue(c.comparisonValue, item.unit, item.precision)})`;
      return `compared with ${formatMonth(c.month)}: ${c.label}${was}`;
    })
    .join('; ');
}

function kpiSection(kpi: BoardPackKpi, image: ChartImage | undefined, organisation: string): (Paragraph | Table)[] {
  const { item, series } = kpi;
  const name = item.shortTitle ?? item.title;
  const blocks: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [text(`${item.code} ${name}`)] }),
  ];
  if (item.shortTitle) blocks.push(para(item.title, { colour: '505A5F' }));
  const tags = [
    STATUS_WORDS[item.current.status],
    ...(item.streak.persistentFailure ? ['Persistent failure'] : []),
    ...(!item.consequence.carriesConsequence ? ['No consequence'] : []),
    ...(item.illustrative ? ['Includes illustrative data'] : []),
  ];
  blocks.push(labelled('Rating', tags.join(' · ')));
  const symbol = item.current.symbol ? ` (${symbolMeaning(item.current.symbol)})` : '';
  blocks.push(
    labelled(
      'Value against target',
      `${item.current.displayValue}${symbol} in ${formatMonth(item.current.month)}, ${item.thresholds ? `target ${item.thresholds.target}` : 'no target in force this month'}`,
    ),
  );
  blocks.push(labelled('Direction of travel', directionWords(item)));
  blocks.push(labelled('Streak', item.streak.reason));
  // The SPC icons as words (as on the print page and in the workbook), and what they rest on.
  const { icons, withheld } = item.spc;
  blocks.push(
    labelled('SPC variation', icons ? `${icons.variation.title}. ${icons.variation.words}` : (withheld ?? 'No icons')),
  );
  if (icons) {
    blocks.push(
      labelled(
        'SPC assurance',
        icons.assurance
          ? `${icons.assurance.title}. ${icons.assurance.words}`
          : 'No assurance icon: there is no target, or higher is neither better nor worse.',
      ),
    );
  }
  const spcGroup = kpi.spc?.groups.at(-1);
  if (spcGroup) blocks.push(labelled('SPC limits', spcLimitsWords(spcGroup, item.unit, item.precision)));
  if (!item.consequence.carriesConsequence && item.consequence.reason) {
    blocks.push(labelled('Consequence', item.consequence.reason));
  }
  if (image) {
    const scale = Math.min(CONTENT_WIDTH_PX / image.width, MAX_CHART_HEIGHT_PX / image.height, 1.4);
    blocks.push(
      new Paragraph({
        spacing: { before: 120, after: 120 },
        children: [
          new ImageRun({
            type: 'png',
            data: image.png,
            transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
            altText: {
              name: `${item.code} chart`,
              title: `${item.code} ${name}, ${formatMonth(series.from)} to ${formatMonth(series.to)}`,
              description: `Chart of ${item.code} by month with its target bands and comparators; the table below gives every figure.`,
            },
          }),
        ],
      }),
    );
  }
  const labels = new Map(series.comparators.map((line) => [line.line, line.label]));
  blocks.push(
    para(`${item.code} by month, ${formatMonth(series.from)} to ${formatMonth(series.to)}`, { bold: true }),
    table(
      ['Month', headerWithUnit('Figure', item.unit), 'Rating', 'SPC', 'Source'],
      series.points.map((point) => {
        const spcPoint = kpi.spc?.points.find((p) => p.month === point.month);
        return {
          cells: [
            formatMonth(point.month),
            point.displayValue,
            STATUS_WORDS[point.status],
            spcPoint ? SPC_MONTH_WORDS[spcPoint.pointType] : '–',
            point.provenance ? PROVENANCE_WORDS[point.provenance] : 'None',
          ],
          fills: [undefined, undefined, STATUS_FILLS[point.status], undefined, undefined],
        };
      }),
      [1],
    ),
  );
  if (item.comparators.length > 0) {
    blocks.push(
      para('Latest comparators', { bold: true }),
      table(
        ['Comparator', headerWithUnit('Figure', item.unit), 'Period'],
        item.comparators.map((c) => ({ cells: [labels.get(c.line) ?? c.label, c.displayValue, c.timePeriod] })),
        [1],
      ),
      // What a reader needs beside them (a definition that differs from DfE's, an average over fewer neighbours), once each.
      ...[...new Set(item.comparators.flatMap((c) => c.notes))].map((note) => para(note, { colour: '505A5F' })),
      // Where each comparator comes from (DfE release, how computed, each neighbour model with its
      // years), for the chart's years and the table's, in the words the PDF pack and the CSV notes use.
      ...sourceLines(organisation, series.points, [
        ...linesWithinRange(series.comparators, series.from, series.to).flatMap((line) => line.points),
        ...item.comparators,
      ]).map((line) => para(`Source: ${line}`, { colour: '505A5F', size: 16 })),
    );
  }
  blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text('Commentary')] }));
  if (item.commentary) {
    blocks.push(para(`Agreed commentary, ${formatMonth(item.commentary.month)}`, { colour: '505A5F' }));
    blocks.push(...commentaryParagraphs(item.commentary.body));
  } else {
    blocks.push(para(`There is no agreed commentary for ${item.code} up to ${formatMonth(item.current.month)}.`));
  }
  blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text('Open actions')] }));
  if (kpi.actions.length === 0) blocks.push(para('No open actions.'));
  for (const action of kpi.actions) {
    const status = `${ACTION_STATUS_LABELS[action.status]}${action.late ? ' (late: past due)' : ''}`;
    blocks.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [text(`${action.description} — owner ${action.owner}, due ${formatDate(action.dueOn)}, ${status}`)],
      }),
    );
  }
  return blocks;
}

/** Commentary as typed, in full: paragraphs (lines kept) and bulleted or numbered items, all plain text runs. */
function commentaryParagraphs(body: string): Paragraph[] {
  return commentaryBlocks(body).flatMap((block) =>
    block.kind === 'paragraph'
      ? [
          new Paragraph({
            children: block.lines.map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) })),
            spacing: { after: 80 },
          }),
        ]
      : block.items.map(
          (item, i) =>
            new Paragraph({
              ...(block.ordered ? {} : { bullet: { level: 0 } }),
              children: [text(block.ordered ? `${i + 1}. ${item}` : item)],
            }),
        ),
  );
}

/** The pack as an editable Word document: the same content as the PDF, charts as images, tables as tables. */
export async function boardPackDocx(data: BoardPackData, images: readonly ChartImage[]): Promise<Buffer> {
  const byCode = new Map(images.map((image) => [image.code, image]));
  const produced = producedLine(data);
  const marking = data.marking?.text ?? null;
  const markingParagraph = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({
      alignment,
      children: marking ? [text(marking, { bold: true, colour: MARKING_COLOUR, size: 18 })] : [],
    });

  const cover: (Paragraph | Table)[] = [];
  if (marking) cover.push(para(marking, { bold: true, colour: MARKING_COLOUR, size: 28, spacingAfter: 240 }));
  cover.push(
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(data.title)] }),
    para(data.organisation, { size: 28 }),
    labelled('Month', formatMonth(data.month)),
    ...(data.kpiSet ? [labelled('KPI set', data.kpiSet.name)] : []),
    labelled('Produced', produced.replace(/^Produced /, '')),
  );
  if (data.kpiSet?.illustrativeNote) {
    cover.push(para(data.kpiSet.illustrativeNote, { bold: true, colour: '801650' }));
  }
  if (data.illustrative) {
    cover.push(
      para(
        'Some figures in this pack are illustrative: generated to demonstrate the dashboard, not real performance data. They must not be quoted.',
        { bold: true, colour: '801650' },
      ),
    );
  }
  cover.push(
    // The one-page scorecard, as on screen; a page for each KPI follows in the same order.
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text('Scorecard')] }),
    table(
      [
        'KPI',
        'Title',
        'Unit',
        'Rating',
        headerWithUnit('Figure', 'per_row'),
        'Target',
        'Failure',
        'Months',
        'Direction',
        headerWithUnit('SN average', 'per_row'),
        headerWithUnit('England', 'per_row'),
      ],
      data.kpis.map(({ item }) => ({
        cells: [
          item.code,
          item.shortTitle ?? item.title,
          UNIT_HEADER_WORDS[item.unit],
          `${STATUS_WORDS[item.current.status]}${item.streak.persistentFailure ? ' (persistent failure)' : ''}`,
          item.current.displayValue,
          item.thresholds?.target ?? 'None',
          item.thresholds?.failure ?? 'None',
          item.streak.status === null ? '' : String(item.streak.months),
          item.direction.previousMonth.label,
          comparatorWords(item, 'statistical_neighbours'),
          comparatorWords(item, 'england'),
        ],
        fills: [undefined, undefined, undefined, STATUS_FILLS[item.current.status]],
      })),
      [4, 7],
    ),
    para(COMPARISON_RULE_WORDS, { size: 16 }),
  );

  const document = new Document({
    creator: "Children's services KPI dashboard",
    title: data.title,
    description: `${data.title}, ${data.organisation}`,
    ...(marking ? { keywords: marking } : {}),
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 },
            margin: { top: 850, bottom: 850, left: 850, right: 850, header: 400, footer: 400 },
          },
        },
        headers: {
          default: new Header({
            children: [
              markingParagraph(AlignmentType.CENTER),
              new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(data.title, { size: 16 })] }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              markingParagraph(AlignmentType.CENTER),
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    size: 16,
                    children: [`${produced}    Page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...cover,
          ...data.kpis.flatMap((kpi) => kpiSection(kpi, byCode.get(kpi.item.code), data.organisation)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
