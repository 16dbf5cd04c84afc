import {
  formatMonth,
  formatUkDateTime,
  MONTH_FORMS,
  type ReturnHistoryResponse,
  readTextMonth,
  symbolMeaning,
} from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { ErrorSummary, type ErrorSummaryItem } from '../../../components/ErrorSummary';
import { PROVENANCE_WORDS } from '../../../components/kpiLabels';
import { LoadingState } from '../../../components/LoadingState';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { useUrlState } from '../../../components/useUrlState';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { ROLE_GUIDES } from '../../auth';
import { indicatorPath, useIndicatorList } from '../../indicators';
import { useReturnHistory } from '../api/getReturnHistory';
import { CellNote } from '../components/CellNote';
import { RETURNS_PATH, uploadPath } from '../paths';
import { OBSERVATION_STATUS_WORDS, shortHash } from '../words';
import '../returns.css';

const KPI_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

type Query = { kpi: string; month: string };

function parseQuery(params: URLSearchParams): { query: Query | null; asked: boolean } {
  const kpi = params.get('kpi')?.trim() ?? '';
  const month = readTextMonth(params.get('month') ?? '');
  const asked = kpi !== '' || (params.get('month') ?? '') !== '';
  return { query: KPI_PATTERN.test(kpi) && month ? { kpi, month } : null, asked };
}

type KpiChoice = { code: string; title: string };
type FindErrors = { kpi?: string; month?: string };

/**
 * A plain GET-style form: the answer's address holds the KPI and the month. The KPI is chosen
 * from the council's own list (code and title), so nobody has to remember a code; a month may be
 * typed in any form a monthly return takes.
 */
function FindFigure({
  initial,
  kpis,
  errors,
  onRefused,
  onFind,
}: {
  initial: { kpi: string; month: string };
  kpis: readonly KpiChoice[] | undefined;
  errors: FindErrors | null;
  onRefused: (errors: FindErrors) => void;
  onFind: (query: Query) => void;
}) {
  const [values, setValues] = useState(initial);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const kpi = values.kpi.trim().toUpperCase();
    const month = readTextMonth(values.month);
    const found: FindErrors = {};
    if (!kpi) found.kpi = 'Choose a KPI';
    else if (!KPI_PATTERN.test(kpi) || (kpis && !kpis.some((k) => k.code === kpi)))
      found.kpi = `There is no KPI with the code ${kpi}: choose one from the list`;
    if (!values.month.trim()) found.month = 'Enter a month, like 2024-03';
    else if (!month) found.month = `Enter the month as ${MONTH_FORMS}`;
    if (found.kpi || found.month || !month) {
      onRefused(found);
      return;
    }
    onFind({ kpi, month });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="two-thirds">
      {kpis ? (
        <SelectField
          id="history-kpi"
          label="KPI"
          value={kpis.some((k) => k.code === values.kpi.trim().toUpperCase()) ? values.kpi.trim().toUpperCase() : ''}
          onChange={(kpi) => setValues((v) => ({ ...v, kpi }))}
          options={[
            { value: '', label: 'Choose a KPI' },
            ...kpis.map((k) => ({ value: k.code, label: `${k.code}: ${k.title}` })),
          ]}
          error={errors?.kpi}
        />
      ) : (
        <TextField
          id="history-kpi"
          label="KPI code"
          hint="For example, PI1"
          value={values.kpi}
          onChange={(kpi) => setValues((v) => ({ ...v, kpi }))}
          error={errors?.kpi}
          spellCheck={false}
          autoCapitalize="characters"
        />
      )}
      <TextField
        id="history-month"
        label="Month"
        hint="For example 2024-03, Mar-24, March 2024 or Mar 2024"
        value={values.month}
        onChange={(month) => setValues((v) => ({ ...v, month }))}
        error={errors?.month}
        spellCheck={false}
      />
      <button type="submit" className="button">
        Show the history
      </button>
    </form>
  );
}

/**
 * The figure exactly as stored, when the display's rounding hides part of it: a change from 74.94
 * to 74.9 would otherwise read "74.9% → 74.9%".
 */
export function ExactFigure({ value, precision }: { value: number | null; precision: number }) {
  if (value === null || Number(value.toFixed(precision)) === value) return null;
  return <CellNote>as stored: {value.toLocaleString('en-GB', { maximumFractionDigits: 10 })}</CellNote>;
}

function CurrentFigure({ data }: { data: ReturnHistoryResponse }) {
  const { current } = data;
  if (!current)
    return (
      <p>
        The dashboard holds no figure for {data.kpiCode} in {formatMonth(data.month)}.
      </p>
    );
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt>Figure now</dt>
        <dd>
          <strong>{current.displayValue}</strong>
          {current.symbol && <span className="secondary-text"> ({symbolMeaning(current.symbol)})</span>}
          <ExactFigure value={current.value} precision={data.precision} />
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>Status</dt>
        <dd>{OBSERVATION_STATUS_WORDS[current.status]}</dd>
      </div>
      <div className="summary-list__row">
        <dt>Source</dt>
        <dd>
          {PROVENANCE_WORDS[current.provenance]}
          {current.fileName && `: ${current.fileName}`}
          {current.sourceNote && !current.fileName && <CellNote>{current.sourceNote}</CellNote>}
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>Last set</dt>
        <dd>{formatUkDateTime(current.updatedAt)}</dd>
      </div>
    </dl>
  );
}

function Revisions({ data }: { data: ReturnHistoryResponse }) {
  if (data.revisions.length === 0) {
    return (
      <p>
        No revisions have been recorded. The figure was not set by a monthly return
        {data.current ? ` (its source: ${PROVENANCE_WORDS[data.current.provenance].toLowerCase()})` : ''}.
      </p>
    );
  }
  return (
    <ScrollableTable label={`Revisions of ${data.kpiCode} for ${formatMonth(data.month)}`}>
      <table className="table table--history table--stack-narrow">
        <caption className="visually-hidden">
          Every revision of {data.kpiCode} for {formatMonth(data.month)}, oldest first
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col" className="numeric">
              Was
            </th>
            <th scope="col" className="numeric">
              Set to
            </th>
            <th scope="col">Reason</th>
            <th scope="col">From file</th>
          </tr>
        </thead>
        <tbody>
          {data.revisions.map((revision) => (
            <tr key={revision.id}>
              <th scope="row">{formatUkDateTime(revision.changedAt)}</th>
              <td data-label="Who">
                {revision.changedBy ? (
                  <>
                    {revision.changedBy.displayName}
                    <CellNote>{ROLE_GUIDES[revision.changedBy.role].label}</CellNote>
                  </>
                ) : (
                  'Not recorded'
                )}
              </td>
              <td className="numeric" data-label="Was">
                {revision.old.displayValue}
                <ExactFigure value={revision.old.value} precision={data.precision} />
              </td>
              <td className="numeric" data-label="Set to">
                <strong>{revision.new.displayValue}</strong>
                <ExactFigure value={revision.new.value} precision={data.precision} />
              </td>
              <td data-label="Reason">{revision.reason ?? <span className="secondary-text">None given</span>}</td>
              <td className="cell-file" data-label="From file">
                {revision.upload ? (
                  <>
                    <Link to={uploadPath(revision.upload.id)}>{revision.upload.fileName}</Link>
                    <CellNote>
                      SHA-256 <span className="reference">{shortHash(revision.upload.sha256)}</span>
                    </CellNote>
                  </>
                ) : (
                  <span className="secondary-text">Not from a file</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

function History({ query }: { query: Query }) {
  const history = useReturnHistory(query);
  const notFound = isApiError(history.error) && (history.error.status === 404 || history.error.status === 400);
  const data = history.data;
  useDocumentTitle(`History of ${data?.kpiCode ?? query.kpi} for ${formatMonth(query.month)}`, {
    hasErrors: history.isError && !notFound,
  });
  return (
    <>
      {data && <p className="caption">{data.kpiTitle}</p>}
      <h1>
        History of {data?.kpiCode ?? query.kpi} for {formatMonth(query.month)}
      </h1>
      {history.isPending ? (
        <LoadingState>Loading the history…</LoadingState>
      ) : history.isError ? (
        notFound ? (
          <EmptyState title="No history to show">
            <p>{isApiError(history.error) ? history.error.detail : null}</p>
            <p>
              <Link to={`${RETURNS_PATH}/history`}>Look up another figure</Link>
            </p>
          </EmptyState>
        ) : (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        )
      ) : (
        <>
          <section className="section" aria-labelledby="current-heading">
            <h2 id="current-heading">The figure now</h2>
            <CurrentFigure data={history.data} />
          </section>
          <section className="section" aria-labelledby="revisions-heading">
            <h2 id="revisions-heading">Revisions ({history.data.revisions.length})</h2>
            <p>Who set each value, when, from which file, and why it changed; oldest first.</p>
            <Revisions data={history.data} />
          </section>
          <ul className="list">
            <li>
              <Link to={indicatorPath(history.data.kpiCode, { to: history.data.month })}>
                {history.data.kpiCode} on its KPI page
              </Link>
            </li>
            <li>
              <Link to={`${RETURNS_PATH}/history`}>Look up another figure</Link>
            </li>
          </ul>
        </>
      )}
    </>
  );
}

function Lookup({
  initial,
  asked,
  unknownKpi,
  onFind,
}: {
  initial: Query;
  asked: boolean;
  unknownKpi: string | null;
  onFind: (query: Query) => void;
}) {
  const list = useIndicatorList();
  const kpis = list.data?.indicators.map((i) => ({ code: i.code, title: i.shortTitle ?? i.title }));
  const [errors, setErrors] = useState<FindErrors | null>(null);
  const [attempts, setAttempts] = useState(0);
  const summary: ErrorSummaryItem[] = [
    ...(errors?.kpi ? [{ text: errors.kpi, fieldId: 'history-kpi' }] : []),
    ...(errors?.month ? [{ text: errors.month, fieldId: 'history-month' }] : []),
  ];
  // A refused search says "Error:" in the title (GOV.UK).
  useDocumentTitle('History of a figure', { hasErrors: summary.length > 0 });
  return (
    <>
      {/* At the top of the page, before the heading, as on every other form (GOV.UK error summary). */}
      {summary.length > 0 && <ErrorSummary items={summary} focusKey={attempts} />}
      <h1>History of a figure</h1>
      {unknownKpi ? (
        <p className="inset">This council has no KPI with the code {unknownKpi}. Choose one from the list below.</p>
      ) : (
        asked && (
          <p className="inset">
            The address did not name a KPI code and a month the dashboard can read. Enter them below.
          </p>
        )
      )}
      <p className="lead">Every change to a monthly figure: who set it, when, from which file and why.</p>
      {list.isPending ? (
        <LoadingState>Loading the council’s KPIs…</LoadingState>
      ) : (
        <FindFigure
          initial={initial}
          kpis={kpis}
          errors={errors}
          onRefused={(found) => {
            setErrors(found);
            setAttempts((n) => n + 1);
          }}
          onFind={(query) => {
            setErrors(null);
            onFind(query);
          }}
        />
      )}
    </>
  );
}

/** `/returns/history?kpi=CODE&month=YYYY-MM`: every revision of one KPI's figure for one month. */
export default function ReturnHistoryPage() {
  const [params, update] = useUrlState();
  const { query, asked } = parseQuery(params);
  const list = useIndicatorList();
  // A code the council does not have (a mistyped or old link) is said as such, with the list to choose from.
  const unknownKpi = query && list.data && !list.data.indicators.some((i) => i.code === query.kpi) ? query.kpi : null;
  return (
    <>
      <p>
        <Link to={RETURNS_PATH} className="back-link">
          Monthly returns
        </Link>
      </p>
      {query && !unknownKpi ? (
        <History key={`${query.kpi}|${query.month}`} query={query} />
      ) : (
        <Lookup
          initial={{ kpi: unknownKpi ? '' : (params.get('kpi') ?? ''), month: params.get('month') ?? '' }}
          asked={asked}
          unknownKpi={unknownKpi}
          onFind={(found) => update(found)}
        />
      )}
    </>
  );
}
