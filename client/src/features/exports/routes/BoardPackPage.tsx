import { type BoardPackFormat, formatMonth, monthRange, type ScorecardResponse } from '@kpi/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { LoadingState } from '../../../components/LoadingState';
import { MonthSelect } from '../../../components/MonthSelect';
import { RadioGroup } from '../../../components/RadioGroup';
import { IllustrativeTag } from '../../../components/Tags';
import { useUrlState } from '../../../components/useUrlState';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { parseMonthParam, useScorecard } from '../../scorecard';
import { downloadBoardPack } from '../api/exportsApi';
import { saveFile } from '../chartImage';
import '../exports.css';

const FORMAT_CHOICES = [
  { value: 'pdf' as const, label: 'PDF', hint: 'A4 landscape, ready to print or attach' },
  {
    value: 'docx' as const,
    label: 'Word document',
    hint: 'Editable, with the charts as pictures and the tables as tables',
  },
];

function MonthForm({
  month,
  months,
  onChoose,
}: {
  month: string;
  months: readonly string[];
  onChoose: (month: string) => void;
}) {
  const [chosen, setChosen] = useState(month);
  return (
    <form
      className="month-picker__form pack-month no-print"
      aria-label="Choose the month"
      onSubmit={(event) => {
        event.preventDefault();
        onChoose(chosen);
      }}
    >
      <MonthSelect id="pack-month" label="Month" months={months} value={chosen} onChange={setChosen} />
      <button type="submit" className="button button--secondary">
        Show KPIs for this month
      </button>
    </form>
  );
}

function PackForm({ scorecard }: { scorecard: ScorecardResponse }) {
  const codes = scorecard.items.map((item) => item.code);
  const [chosen, setChosen] = useState<string[]>(codes);
  const [format, setFormat] = useState<BoardPackFormat>('pdf');
  const [submits, setSubmits] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const noneChosen = chosen.length === 0;
  const pack = useMutation({
    mutationFn: downloadBoardPack,
    onSuccess: ({ blob, fileName }) => {
      const href = URL.createObjectURL(blob);
      saveFile(href, fileName);
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setSaved(fileName);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmits((n) => n + 1);
    setSaved(null);
    if (noneChosen) return;
    pack.mutate({ month: scorecard.month, kpiCodes: chosen, format });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Board pack" aria-busy={pack.isPending}>
      {submits > 0 && noneChosen && (
        <ErrorSummary items={[{ text: 'Choose at least one KPI', fieldId: `kpi-${codes[0]}` }]} focusKey={submits} />
      )}
      <div className={noneChosen && submits > 0 ? 'form-group form-group--error' : 'form-group'}>
        {noneChosen && submits > 0 && (
          <p className="error-message">
            <span className="visually-hidden">Error:</span> Choose at least one KPI
          </p>
        )}
        <CheckboxGroup
          legend={`KPIs in ${scorecard.kpiSet?.name ?? 'force'}, ${formatMonth(scorecard.month)}`}
          values={chosen}
          onChange={setChosen}
          choices={scorecard.items.map((item) => ({
            value: item.code,
            label: `${item.code} ${item.shortTitle ?? item.title}`,
            hint: (
              <>
                {item.current.displayValue}, {item.current.status === 'no_data' ? 'no data' : item.current.status}
                {/* Marked by this month's figure, the one listed, as everywhere a single figure is shown. */}
                {item.current.provenance === 'illustrative' && (
                  <>
                    {' '}
                    <IllustrativeTag />
                  </>
                )}
              </>
            ),
          }))}
        />
        <p className="no-print">
          <button type="button" className="downloads__button" onClick={() => setChosen(codes)}>
            <span className="downloads__word">Choose every KPI</span>
          </button>
          <span className="downloads__separator" aria-hidden="true">
            |
          </span>
          <button type="button" className="downloads__button" onClick={() => setChosen([])}>
            <span className="downloads__word">Clear the choice</span>
          </button>
        </p>
      </div>
      <RadioGroup legend="Format" name="format" value={format} onChange={setFormat} choices={FORMAT_CHOICES} />
      <button type="submit" className="button" disabled={pack.isPending}>
        Download the board pack
      </button>
      {pack.isPending && (
        <LoadingState>
          Producing the board pack for {formatMonth(scorecard.month)} ({chosen.length} KPI
          {chosen.length === 1 ? '' : 's'}). This takes a few seconds.
        </LoadingState>
      )}
      {saved && (
        <p role="status" className="inset">
          Downloaded {saved}.
        </p>
      )}
      {pack.isError && <ErrorState error={pack.error} />}
    </form>
  );
}

/**
 * The board pack: choose a month and the KPIs (all those in force, by default) and the format;
 * the server draws the pack from the same data and chart components as the screens.
 */
export function BoardPackPage() {
  const [searchParams, update] = useUrlState();
  const { month } = parseMonthParam(searchParams.get('month'));
  const scorecard = useScorecard(month);
  useDocumentTitle('Board pack', { hasErrors: scorecard.isError });
  const data = scorecard.data;

  const months = data?.availableMonths ? monthRange(data.availableMonths.from, data.availableMonths.to).reverse() : [];
  if (data && !months.includes(data.month)) months.unshift(data.month);

  return (
    <>
      <h1>Board pack</h1>
      <p className="lead">
        A pack for a board or scrutiny report. Its first page is the month's scorecard on one A4 landscape page (each
        KPI's rating, direction of travel and comparisons, and the page it is on), then a page for each KPI with its
        value against target, chart, figures and commentary. Unpublished months are marked OFFICIAL-SENSITIVE on every
        page.
      </p>
      {scorecard.isPending ? (
        <LoadingState>Loading the KPIs…</LoadingState>
      ) : scorecard.isError ? (
        isApiError(scorecard.error) && scorecard.error.status === 404 ? (
          <EmptyState title="There are no KPI figures yet">
            <p>{scorecard.error.detail}</p>
          </EmptyState>
        ) : (
          <ErrorState error={scorecard.error} onRetry={() => void scorecard.refetch()} />
        )
      ) : (
        <>
          <MonthForm key={data!.month} month={data!.month} months={months} onChoose={(m) => update({ month: m })} />
          {scorecard.isPlaceholderData && scorecard.isFetching ? (
            <LoadingState>Loading the KPIs…</LoadingState>
          ) : data!.items.length === 0 ? (
            <EmptyState title={`No KPIs were in force in ${formatMonth(data!.month)}`}>
              <p>Choose another month.</p>
            </EmptyState>
          ) : (
            <PackForm key={data!.month} scorecard={data!} />
          )}
        </>
      )}
    </>
  );
}

export default BoardPackPage;
