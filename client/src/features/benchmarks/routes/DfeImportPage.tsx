import type { DfeImportBody, DfeImportResponse, DfeMeasureMappingBody, DfePreviewResponse } from '@kpi/shared';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/TextField';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { indicatorPath } from '../../indicators';
import { useImportDfeFile, usePreviewDfeFile } from '../api/benchmarkApi';
import { csvFileProblem } from '../benchmarkFile';
import { CsvFileField, chosenFile } from '../components/CsvFileField';
import { FailureSummary } from '../components/FailureSummary';
import { FileSummary } from '../components/FileSummary';
import { HeadlineTables, ImportCounts } from '../components/ImportResult';
import { MeasureFieldset } from '../components/MeasureFieldset';
import { ProblemList } from '../components/ProblemList';
import { EMPTY_DRAFT, type MappingDraft, type MappingError, mappingOf } from '../mapping';
import { BENCHMARKS_PATH } from '../paths';
import { failureOf, type RequestFailure } from '../problems';
import { plural } from '../words';

const FILE_ID = 'dfe-file';
const RELEASE_ID = 'dfe-release';
const FORBIDDEN = 'Your role cannot import benchmark data. Ask an administrator if it should';

/** Step 1: choose the file; the server keeps it and describes it. */
function ChooseFile({ onPreview }: { onPreview: (preview: DfePreviewResponse) => void }) {
  const previewFile = usePreviewDfeFile();
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [attempts, setAttempts] = useState(0);
  useDocumentTitle('Import a DfE release file', { hasErrors: failure !== null });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (previewFile.isPending) return;
    const file = chosenFile(event.currentTarget);
    const problem = csvFileProblem(file, 'DfE release file');
    const fail = (next: RequestFailure) => {
      setFailure(next);
      setAttempts((n) => n + 1);
    };
    if (problem || !file) return fail({ text: problem ?? 'Select the DfE release file', problems: [] });
    setFailure(null);
    previewFile.mutate(file, { onSuccess: onPreview, onError: (error) => fail(failureOf(error, FORBIDDEN)) });
  };

  return (
    <>
      <FailureSummary failure={failure} attempts={attempts} fieldId={FILE_ID} />
      <h1>Import a DfE release file</h1>
      <div className="two-thirds">
        <p className="lead">
          Load a file from Explore Education Statistics (the “tidy CSV” download), say which columns give each KPI’s
          comparator, check the figures, then import them for every local authority, region and England.
        </p>
        <form onSubmit={onSubmit} noValidate aria-busy={previewFile.isPending}>
          <CsvFileField
            id={FILE_ID}
            label="DfE release file"
            hint="For example c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv. Nothing is imported until you have checked the figures."
            error={failure && !failure.serviceError && failure.problems.length === 0 ? failure.text : null}
          />
          <button type="submit" className="button" aria-disabled={previewFile.isPending || undefined}>
            Read the file
          </button>
          <p className={previewFile.isPending ? 'loading' : 'visually-hidden'} role="status">
            {previewFile.isPending ? 'Reading the file…' : ''}
          </p>
        </form>
      </div>
      {failure && <ProblemList problems={failure.problems} label="Problems in the file" />}
    </>
  );
}

/** Step 2–4: map the KPIs' measures, check the figures (dry run), import. */
function MapAndImport({ preview, onRestart }: { preview: DfePreviewResponse; onRestart: () => void }) {
  const runImport = useImportDfeFile();
  const [drafts, setDrafts] = useState<Record<string, MappingDraft>>({});
  const [release, setRelease] = useState('');
  const [errors, setErrors] = useState<MappingError[]>([]);
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [checked, setChecked] = useState<{ body: DfeImportBody; result: DfeImportResponse } | null>(null);
  const [imported, setImported] = useState<DfeImportResponse | null>(null);
  const checkHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(imported ? 'Benchmark figures imported' : 'Map the DfE release file', {
    hasErrors: errors.length > 0 || failure !== null,
  });

  const figureColumns = useMemo(() => preview.columns.filter((c) => c.role === 'measure'), [preview]);
  const filterColumns = useMemo(
    () => preview.columns.filter((c) => c.role === 'category' && c.values.length > 1),
    [preview],
  );
  const kpiMeasures = preview.measures.filter((m) => m.kpis.length > 0);
  const otherMeasures = preview.measures.filter((m) => m.kpis.length === 0);
  const errorsByField = new Map(errors.map((e) => [e.fieldId, e.text]));
  const draftOf = (code: string) => drafts[code] ?? EMPTY_DRAFT;
  const mappedCodes: string[] = [];

  useEffect(() => {
    if (checked) checkHeading.current?.focus();
  }, [checked]);
  useEffect(() => {
    if (imported) doneHeading.current?.focus();
  }, [imported]);

  const fail = (next: RequestFailure) => {
    setFailure(next);
    setAttempts((n) => n + 1);
  };

  const onCheck = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (runImport.isPending) return;
    const found: MappingError[] = [];
    const mappings: DfeMeasureMappingBody[] = [];
    for (const measure of preview.measures) {
      const outcome = mappingOf(measure, draftOf(measure.measureCode), preview.workforceFile);
      if (!outcome) continue;
      if ('errors' in outcome) found.push(...outcome.errors);
      else mappings.push(outcome.mapping);
    }
    if (mappings.length === 0 && found.length === 0) {
      found.push({
        fieldId: `map-${preview.measures[0]?.measureCode}-how`,
        text: 'Choose how at least one measure is read from this file',
      });
    }
    if (release.trim().length < 3) {
      found.push({
        fieldId: RELEASE_ID,
        text: 'Name the release and table, e.g. “DfE Children in need 2025, table C4”',
      });
    }
    setErrors(found);
    setFailure(null);
    if (found.length > 0) {
      setAttempts((n) => n + 1);
      return;
    }
    const body: DfeImportBody = { uploadId: preview.upload.id, sourceRelease: release.trim(), mappings };
    runImport.mutate(
      { ...body, dryRun: true },
      {
        onSuccess: (result) => setChecked({ body, result }),
        onError: (error) => fail(failureOf(error, FORBIDDEN)),
      },
    );
  };

  const onImport = () => {
    if (!checked || runImport.isPending) return;
    runImport.mutate(checked.body, {
      onSuccess: setImported,
      onError: (error) => fail(failureOf(error, FORBIDDEN)),
    });
  };

  if (imported) return <Imported result={imported} headingRef={doneHeading} preview={preview} />;

  const change = (code: string) => (draft: MappingDraft) => {
    setDrafts((all) => ({ ...all, [code]: draft }));
    setChecked(null); // a changed mapping must be checked again before it is imported
  };
  for (const m of preview.measures) if (draftOf(m.measureCode).how !== 'none') mappedCodes.push(m.measureCode);
  const measureOfMapping = (index: number) => {
    const code = checked?.body.mappings[index]?.measureCode ?? mappedCodes[index];
    return code;
  };
  const fieldset = (m: (typeof preview.measures)[number]) => (
    <MeasureFieldset
      key={m.measureCode}
      measure={m}
      draft={draftOf(m.measureCode)}
      onChange={change(m.measureCode)}
      figureColumns={figureColumns}
      filterColumns={filterColumns}
      workforceFile={preview.workforceFile}
      errors={errorsByField}
    />
  );

  return (
    <>
      {errors.length > 0 && (
        <ErrorSummary items={errors.map((e) => ({ text: e.text, fieldId: e.fieldId }))} focusKey={attempts} />
      )}
      <FailureSummary failure={failure} attempts={attempts} />
      <p className="caption">{preview.upload.fileName}</p>
      <h1>Map the file to the KPIs</h1>
      <FileSummary preview={preview} />
      {failure && (
        <ProblemList
          problems={failure.problems}
          label="Problems with the mapping or the file"
          measureOf={measureOfMapping}
        />
      )}
      <form className="section" onSubmit={onCheck} noValidate aria-busy={runImport.isPending}>
        <h2>How each KPI’s comparator is read</h2>
        <p className="two-thirds">
          Choose, for each KPI this file serves, the column that gives its figure, or the columns to divide. Leave the
          others as “Not from this file”.
        </p>
        {kpiMeasures.map(fieldset)}
        {otherMeasures.length > 0 && (
          <details className="details">
            <summary className="details__summary">
              Other DfE measures ({otherMeasures.length}), not a KPI’s comparator
            </summary>
            <div className="details__text">{otherMeasures.map(fieldset)}</div>
          </details>
        )}
        <div className="two-thirds">
          <TextField
            id={RELEASE_ID}
            label="Release and table"
            hint="Recorded with every figure, so readers can find the source. For example: DfE Children in need 2025, table C4."
            value={release}
            onChange={(value) => {
              setRelease(value);
              setChecked(null);
            }}
            error={errorsByField.get(RELEASE_ID)}
          />
        </div>
        <button type="submit" className="button button--secondary" aria-disabled={runImport.isPending || undefined}>
          Check the figures
        </button>
        <p className={runImport.isPending ? 'loading' : 'visually-hidden'} role="status">
          {runImport.isPending ? (checked ? 'Importing…' : 'Working out the figures…') : ''}
        </p>
      </form>

      {checked && (
        <section className="section" aria-labelledby="check-heading">
          <h2 id="check-heading" ref={checkHeading} tabIndex={-1}>
            Check the figures before importing
          </h2>
          <p>
            Nothing has been stored yet. These are the figures the import would store, and the neighbour average it
            would compute.
          </p>
          <HeadlineTables result={checked.result} preview={preview} />
          <ImportCounts result={checked.result} />
          <button type="button" className="button" onClick={onImport} aria-disabled={runImport.isPending || undefined}>
            Import the figures
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={onRestart}>
            Choose another file
          </button>
        </section>
      )}
    </>
  );
}

function Imported({
  result,
  preview,
  headingRef,
}: {
  result: DfeImportResponse;
  preview: DfePreviewResponse;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const kpis = [...new Set(result.measures.flatMap((m) => m.usedBy))];
  const titleOf = (code: string) => preview.measures.flatMap((m) => m.kpis).find((k) => k.code === code)?.title ?? code;
  return (
    <>
      <div className="panel panel--confirmation">
        <h1 className="panel__title" ref={headingRef} tabIndex={-1}>
          Benchmark figures imported
        </h1>
        <div className="panel__body">
          <strong>{result.totals.inserted}</strong> new, <strong>{result.totals.changed}</strong> changed,{' '}
          <strong>{result.totals.unchanged}</strong> unchanged
        </div>
      </div>
      <p>
        From {result.upload.fileName}, recorded as “{result.sourceRelease}”.{' '}
        {result.neighbourAverages.snModel
          ? `${plural(result.neighbourAverages.values.length, 'neighbour average')} computed with ${result.neighbourAverages.snModel.name}.`
          : result.neighbourAverages.reason}
      </p>
      <ImportCounts result={result} />
      {kpis.length > 0 && (
        <>
          <h2>See the comparators</h2>
          <ul className="list">
            {kpis.map((code) => (
              <li key={code}>
                <Link to={indicatorPath(code)}>
                  {code} {titleOf(code)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={BENCHMARKS_PATH}>Back to benchmark data</Link>
      </p>
    </>
  );
}

/** `/benchmarks/dfe`: choose a DfE file, map it, check the figures, import them. */
export default function DfeImportPage() {
  const [preview, setPreview] = useState<DfePreviewResponse | null>(null);
  return preview ? (
    <MapAndImport key={preview.upload.id} preview={preview} onRestart={() => setPreview(null)} />
  ) : (
    <ChooseFile onPreview={setPreview} />
  );
}
