import type { ChooseSnModelResponse, SnModelImportResponse, SnModelSummary } from '@kpi/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { TextField } from '../../../components/TextField';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { useChooseSnModel, useImportSnModel, useSnModels } from '../api/benchmarkApi';
import { snListFileProblem } from '../benchmarkFile';
import { CsvFileField, chosenFile } from '../components/CsvFileField';
import { FailureSummary } from '../components/FailureSummary';
import { NeighbourTable } from '../components/NeighbourTable';
import { ProblemList } from '../components/ProblemList';
import { BENCHMARKS_PATH } from '../paths';
import { failureOf, type RequestFailure } from '../problems';
import { plural } from '../words';

const FILE_ID = 'sn-file';

function ModelTable({ models }: { models: readonly SnModelSummary[] }) {
  return (
    <ScrollableTable label="Statistical-neighbour models">
      <table className="table table--compact">
        <caption className="table__caption">Statistical-neighbour models held</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Published</th>
            <th scope="col">Authorities with a list</th>
            <th scope="col">Used by the organisation</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.code}>
              <th scope="row">
                {m.name}
                <span className="cell-note">
                  {m.code}
                  {m.sourceFile ? `, from ${m.sourceFile}` : ''}
                </span>
              </th>
              <td>{m.publishedOn}</td>
              <td>{m.subjects.toLocaleString('en-GB')}</td>
              <td>{m.inUse ? 'Yes, in use' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

/** Administrators: choose the model, after seeing what changes. */
function ChooseModel({ models }: { models: readonly SnModelSummary[] }) {
  const choose = useChooseSnModel();
  const current = models.find((m) => m.inUse) ?? null;
  const choosable = models.filter((m) => !m.inUse && m.organisationNeighbours.length > 0);
  const [code, setCode] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [done, setDone] = useState<ChooseSnModelResponse | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (done) doneHeading.current?.focus();
  }, [done]);

  const fail = (next: RequestFailure) => {
    setFailure(next);
    setAttempts((n) => n + 1);
  };
  const chosen = models.find((m) => m.code === code);

  if (done) {
    const averages = done.neighbourAverages;
    return (
      <div className="panel panel--confirmation">
        <h3 className="panel__title" ref={doneHeading} tabIndex={-1}>
          The organisation now uses {done.snModel.name}
        </h3>
        <div className="panel__body">
          {plural(averages.values.length, 'neighbour average')} recomputed: {averages.written.inserted} new,{' '}
          {averages.written.changed} changed, {averages.written.unchanged} unchanged, {averages.written.removed} removed
        </div>
      </div>
    );
  }
  if (choosable.length === 0) {
    return <p className="inset">There is no other model with a neighbour list for the organisation to choose.</p>;
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return fail({ text: 'Choose the model the organisation should use', problems: [] });
    setFailure(null);
    setConfirming(true);
  };
  const onConfirm = () => {
    if (!chosen || choose.isPending) return;
    choose.mutate(chosen.code, {
      onSuccess: setDone,
      onError: (error) => fail(failureOf(error, 'Only administrators can choose the model')),
    });
  };

  if (confirming && chosen) {
    const before = new Set(current?.organisationNeighbours.map((n) => n.areaCode) ?? []);
    const after = new Set(chosen.organisationNeighbours.map((n) => n.areaCode));
    const joining = chosen.organisationNeighbours.filter((n) => !before.has(n.areaCode));
    const leaving = (current?.organisationNeighbours ?? []).filter((n) => !after.has(n.areaCode));
    return (
      <div>
        <FailureSummary failure={failure} attempts={attempts} />
        <h3 ref={confirmHeading} tabIndex={-1}>
          Change to {chosen.name}?
        </h3>
        <div className="warning-text">
          <span className="warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="warning-text__text">
            <span className="visually-hidden">Warning</span>
            The statistical-neighbour line on every KPI, for every reader and in every board paper, will use this model.
            The neighbour averages of every measure with DfE figures are recomputed now.
          </strong>
        </div>
        <ul className="list">
          <li>Now: {current ? current.name : 'no model'}</li>
          <li>Joining the neighbours: {joining.length > 0 ? joining.map((n) => n.name).join(', ') : 'none'}</li>
          <li>Leaving the neighbours: {leaving.length > 0 ? leaving.map((n) => n.name).join(', ') : 'none'}</li>
        </ul>
        <NeighbourTable neighbours={chosen.organisationNeighbours} caption={`Neighbours in ${chosen.name}`} />
        <button type="button" className="button" onClick={onConfirm} aria-disabled={choose.isPending || undefined}>
          Change the model
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
          Cancel
        </button>
        <p className={choose.isPending ? 'loading' : 'visually-hidden'} role="status">
          {choose.isPending ? 'Changing the model and recomputing the averages…' : ''}
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <FailureSummary failure={failure} attempts={attempts} fieldId={`sn-choice-${choosable[0]!.code}`} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Model the organisation benchmarks against</legend>
        <div className="radios">
          {choosable.map((m) => (
            <div className="radios__item" key={m.code}>
              <input
                className="radios__input"
                type="radio"
                id={`sn-choice-${m.code}`}
                name="snModel"
                value={m.code}
                checked={code === m.code}
                onChange={() => setCode(m.code)}
              />
              <label className="radios__label" htmlFor={`sn-choice-${m.code}`}>
                {m.name}
                <span className="radios__hint">
                  Published {m.publishedOn}; neighbours: {m.organisationNeighbours.map((n) => n.name).join(', ')}
                </span>
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="button button--secondary">
        Continue
      </button>
    </form>
  );
}

function ImportModel() {
  const importFile = useImportSnModel();
  const [fields, setFields] = useState({ code: '', name: '', publishedOn: '' });
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [result, setResult] = useState<SnModelImportResponse | null>(null);
  const set = (key: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const fieldErrors = new Map(
    (failure?.problems ?? []).map((p) => [p.path.replace(/^querystring\./, ''), p.message] as const),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (importFile.isPending) return;
    const file = chosenFile(event.currentTarget);
    const problem = snListFileProblem(file);
    const fail = (next: RequestFailure) => {
      setFailure(next);
      setAttempts((n) => n + 1);
    };
    if (problem || !file) return fail({ text: problem ?? 'Select the statistical-neighbour file', problems: [] });
    setFailure(null);
    setResult(null);
    importFile.mutate(
      { file, code: fields.code.trim(), name: fields.name.trim(), publishedOn: fields.publishedOn.trim() },
      { onSuccess: setResult, onError: (error) => fail(failureOf(error, 'Your role cannot import benchmark data')) },
    );
  };
  const fileProblems = (failure?.problems ?? []).filter((p) => !p.path.startsWith('querystring.'));

  return (
    <>
      <FailureSummary failure={failure} attempts={attempts} fieldId={FILE_ID} />
      <form onSubmit={onSubmit} noValidate aria-busy={importFile.isPending} className="two-thirds">
        <CsvFileField
          id={FILE_ID}
          label="DfE statistical-neighbour file"
          hint="DfE's list as published: the workbook (sn_april_2021.xlsx, sn_may_2025.xlsx) or the April 2021 / 2025 wide CSV. Importing a model again replaces its lists."
          workbooks
          error={failure && !failure.serviceError && failure.problems.length === 0 ? failure.text : null}
        />
        <TextField
          id="sn-code"
          label="Model code"
          hint="Lower-case letters, digits and hyphens, e.g. dfe-sn-2025-05."
          value={fields.code}
          onChange={set('code')}
          error={fieldErrors.get('code')}
        />
        <TextField
          id="sn-name"
          label="Model name"
          hint="As readers will see it, e.g. DfE children’s services statistical neighbours (May 2025 model)."
          value={fields.name}
          onChange={set('name')}
          error={fieldErrors.get('name')}
        />
        <TextField
          id="sn-published"
          label="Month published"
          hint="As YYYY-MM, e.g. 2025-05."
          value={fields.publishedOn}
          onChange={set('publishedOn')}
          error={fieldErrors.get('publishedOn')}
        />
        <button type="submit" className="button" aria-disabled={importFile.isPending || undefined}>
          Import the neighbour lists
        </button>
        <p className={importFile.isPending ? 'loading' : 'visually-hidden'} role="status">
          {importFile.isPending ? 'Importing the neighbour lists…' : ''}
        </p>
      </form>
      {failure && <ProblemList problems={fileProblems} label="Problems in the file" />}
      {result && (
        <div className="panel panel--confirmation" role="status">
          <h3 className="panel__title">
            {result.model.name} {result.created ? 'imported' : 'updated'}
          </h3>
          <div className="panel__body">
            {plural(result.model.subjects, 'authority', 'authorities')} with a list: {result.subjects.added} added,{' '}
            {result.subjects.changed} changed, {result.subjects.unchanged} unchanged, {result.subjects.removed} removed.
            {result.skipped.unknownSubjects.length > 0 &&
              ` ${plural(result.skipped.unknownSubjects.length, 'authority', 'authorities')} the dashboard does not know were skipped.`}
            {result.neighbourAverages &&
              ' The organisation uses this model, so its neighbour averages were recomputed.'}
          </div>
        </div>
      )}
    </>
  );
}

/** `/benchmarks/sn-models`: the models held, importing DfE's lists, and (administrators) choosing one. */
export default function SnModelsPage() {
  const { user } = useCurrentUser();
  const models = useSnModels();
  useDocumentTitle('Statistical-neighbour models');
  return (
    <>
      <p className="caption">
        <Link to={BENCHMARKS_PATH}>Benchmark data</Link>
      </p>
      <h1>Statistical-neighbour models</h1>
      <section className="section" aria-labelledby="models-heading">
        <h2 id="models-heading">Models held</h2>
        {models.isPending ? (
          <LoadingState>Loading the models…</LoadingState>
        ) : models.isError ? (
          <ErrorState error={models.error} onRetry={() => void models.refetch()} />
        ) : models.data.models.length === 0 ? (
          <EmptyState title="No model is held yet">
            <p>Import DfE’s statistical-neighbour file below.</p>
          </EmptyState>
        ) : (
          <>
            <ModelTable models={models.data.models} />
            <h3>Choose the organisation’s model</h3>
            {user.role === 'admin' ? (
              <ChooseModel models={models.data.models} />
            ) : (
              <p className="inset">
                Only an administrator can change the model: it changes the neighbour line on every KPI for every reader.
              </p>
            )}
          </>
        )}
      </section>
      <section className="section" aria-labelledby="import-sn-heading">
        <h2 id="import-sn-heading">Import a neighbour list</h2>
        <ImportModel />
      </section>
    </>
  );
}
