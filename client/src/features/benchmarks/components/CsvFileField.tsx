import { FileField } from '../../../components/FileField';
import { ACCEPTED_CSV, ACCEPTED_SN_FILES, MAX_BENCHMARK_WORDS } from '../benchmarkFile';

/** The file upload for one CSV (or, where `workbooks`, a CSV or an .xlsx), its hint naming the size limit. */
export function CsvFileField({
  id,
  label,
  hint,
  error,
  workbooks = false,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | null;
  workbooks?: boolean;
}) {
  return (
    <FileField
      id={id}
      label={label}
      hint={`${hint} ${workbooks ? 'A CSV or Excel (.xlsx) file' : 'A CSV file'}, smaller than ${MAX_BENCHMARK_WORDS}.`}
      error={error}
      accept={workbooks ? ACCEPTED_SN_FILES : ACCEPTED_CSV}
    />
  );
}

/** The file chosen in a form's file input. */
export function chosenFile(form: HTMLFormElement): File | undefined {
  const input = form.elements.namedItem('file');
  return input instanceof HTMLInputElement ? (input.files?.[0] ?? undefined) : undefined;
}
