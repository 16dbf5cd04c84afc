import { formatMonth, type ReturnExistingFigure, type ReturnPreviewItem, symbolMeaning } from '@kpi/shared';
import { Link } from 'react-router';
import { PROVENANCE_WORDS } from '../../../components/kpiLabels';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { historyPath } from '../paths';
import { itemLocation } from '../words';
import { CellNote } from './CellNote';
import '../returns.css';

/** The KPI and the month: one cell, so the figures stay in view on a narrow screen. */
function KpiMonth({ item }: { item: ReturnPreviewItem }) {
  return (
    <>
      <strong className="cell-code">{item.kpiCode}</strong>{' '}
      <strong className="cell-month">{formatMonth(item.month)}</strong>
      <CellNote plain>
        <span className="cell-title">{item.kpiTitle}</span>
      </CellNote>
    </>
  );
}

function Figure({ figure }: { figure: ReturnPreviewItem['new'] }) {
  return (
    <>
      <strong className="cell-figure">{figure.displayValue}</strong>
      {figure.symbol && <CellNote>{symbolMeaning(figure.symbol)}</CellNote>}
      {figure.numerator !== null && figure.denominator !== null && (
        <CellNote>
          {figure.numerator.toLocaleString('en-GB')} of {figure.denominator.toLocaleString('en-GB')}
        </CellNote>
      )}
    </>
  );
}

function Held({ old }: { old: ReturnExistingFigure }) {
  return (
    <>
      <Figure figure={old} />
      <CellNote>
        {PROVENANCE_WORDS[old.provenance]}
        {old.fileName ? `: ${old.fileName}` : ''}
      </CellNote>
    </>
  );
}

function Comment({ item }: { item: ReturnPreviewItem }) {
  if (!item.comment) return null;
  return (
    <CellNote plain>
      Comment{item.commentChanged ? ' (to be saved)' : ''}: {item.comment}
    </CellNote>
  );
}

/** Why a change matters: each flag in words, never by colour alone. */
function ChangeNotes({ item }: { item: ReturnPreviewItem }) {
  const notes = [
    item.replacesIllustrative && 'Replaces illustrative demo data',
    item.changesReportedFigure && 'Changes a figure already reported',
    item.lockedMonth && 'Month presented to a locked meeting',
  ].filter((note): note is string => Boolean(note));
  if (notes.length === 0) return null;
  return (
    <ul className="plain-list cell-flags">
      {notes.map((note) => (
        <li key={note}>
          <strong className="tag tag--flag">{note}</strong>
        </li>
      ))}
    </ul>
  );
}

/** Changed figures: what the dashboard holds, what the file would put in its place, and its history. */
export function ChangedTable({
  items,
  caption,
  oldLabel = 'Figure now',
  newLabel = 'Figure in the file',
}: {
  items: readonly ReturnPreviewItem[];
  caption: string;
  /** Column headings; once loaded, "Before" and "Loaded". */
  oldLabel?: string;
  newLabel?: string;
}) {
  return (
    <ScrollableTable label={caption}>
      <table className="table table--preview">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">KPI and month</th>
            <th scope="col" className="numeric">
              {oldLabel}
            </th>
            <th scope="col" className="numeric">
              {newLabel}
            </th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.kpiCode}|${item.month}`}>
              <th scope="row">
                <KpiMonth item={item} />
              </th>
              <td className="numeric">{item.old ? <Held old={item.old} /> : 'No figure'}</td>
              <td className="numeric cell-new">
                <span className="visually-hidden">changes to </span>
                <span aria-hidden="true" className="cell-arrow">
                  →{' '}
                </span>
                <Figure figure={item.new} />
                <CellNote>{itemLocation(item.location)}</CellNote>
              </td>
              <td>
                <ChangeNotes item={item} />
                <Comment item={item} />
                <Link to={historyPath(item.kpiCode, item.month)} className="cell-link">
                  History{' '}
                  <span className="visually-hidden">
                    of {item.kpiCode} for {formatMonth(item.month)}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

/** New or unchanged figures: the figure, where it is in the file, and any comment. */
export function FigureTable({ items, caption }: { items: readonly ReturnPreviewItem[]; caption: string }) {
  return (
    <ScrollableTable label={caption}>
      <table className="table table--preview">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">KPI and month</th>
            <th scope="col" className="numeric">
              Figure in the file
            </th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.kpiCode}|${item.month}`}>
              <th scope="row">
                <KpiMonth item={item} />
              </th>
              <td className="numeric">
                <Figure figure={item.new} />
              </td>
              <td>
                {itemLocation(item.location)}
                <ChangeNotes item={item} />
                <Comment item={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
