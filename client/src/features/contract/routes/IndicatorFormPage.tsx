import {
  type IndicatorAdmin,
  indicatorInputSchema,
  MEASURE_TYPES,
  type MeasureType,
  POLARITIES,
  type Polarity,
  THEMES,
  type Theme,
  UNITS,
  type Unit,
} from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { THEME_LABELS } from '../../../components/kpiLabels';
import { LoadingState } from '../../../components/LoadingState';
import { SelectField } from '../../../components/SelectField';
import { TextAreaField } from '../../../components/TextAreaField';
import { TextField } from '../../../components/TextField';
import {
  type FormErrors,
  type FormSpec,
  formErrorsFrom,
  formErrorsFromIssues,
  maxLengthOf,
} from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useCreateIndicator, useIndicatorLibrary, useUpdateIndicator } from '../api/contract';
import { INDICATOR_LIBRARY_PATH } from '../paths';
import { MEASURE_TYPE_WORDS, POLARITY_WORDS, UNIT_WORDS } from '../words';

const FIELDS = [
  'code',
  'title',
  'shortTitle',
  'definition',
  'whyItMatters',
  'theme',
  'unit',
  'polarity',
  'precision',
  'measureType',
  'numeratorLabel',
  'denominatorLabel',
  'comparatorDifference',
] as const;
type Field = (typeof FIELDS)[number];
const FORM: FormSpec<Field> = {
  order: FIELDS,
  words: {
    code: { label: 'Code', missing: 'Enter the code, for example PI16' },
    title: { label: 'Title', missing: 'Enter the title' },
    shortTitle: { label: 'Short title', missing: 'Enter the short title' },
    definition: { label: 'Definition', missing: 'Enter the definition' },
    whyItMatters: { label: 'Why it matters', missing: 'Enter why it matters' },
    theme: { label: 'Theme', missing: 'Choose the theme', kind: 'choice' },
    unit: { label: 'Unit', missing: 'Choose the unit', kind: 'choice' },
    polarity: { label: 'Better when the figure is', missing: 'Choose when the figure is better', kind: 'choice' },
    precision: { label: 'Decimal places shown', missing: 'Choose the decimal places shown', kind: 'number' },
    measureType: {
      label: "What a month's figure measures",
      missing: "Choose what a month's figure measures",
      kind: 'choice',
    },
    numeratorLabel: { label: 'Numerator', missing: 'Enter the numerator' },
    denominatorLabel: { label: 'Denominator', missing: 'Enter the denominator' },
    comparatorDifference: {
      label: 'How DfE’s comparator measure differs',
      missing: 'Say how DfE’s comparator measure differs',
    },
  },
};
const SHAPE = indicatorInputSchema.shape;

type Values = {
  code: string;
  title: string;
  shortTitle: string;
  definition: string;
  whyItMatters: string;
  theme: Theme;
  unit: Unit;
  polarity: Polarity;
  precision: string;
  measureType: MeasureType;
  numeratorLabel: string;
  denominatorLabel: string;
  comparatorDifference: string;
};

const EMPTY: Values = {
  code: '',
  title: '',
  shortTitle: '',
  definition: '',
  whyItMatters: '',
  theme: 'other',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: '1',
  measureType: 'snapshot',
  numeratorLabel: '',
  denominatorLabel: '',
  comparatorDifference: '',
};

function valuesOf(indicator: IndicatorAdmin): Values {
  return {
    ...indicator,
    shortTitle: indicator.shortTitle ?? '',
    precision: String(indicator.precision),
    numeratorLabel: indicator.numeratorLabel ?? '',
    denominatorLabel: indicator.denominatorLabel ?? '',
    comparatorDifference: indicator.comparatorDifference ?? '',
  };
}

function toInput(values: Values) {
  return {
    ...values,
    precision: Number(values.precision),
    shortTitle: values.shortTitle.trim() || null,
    numeratorLabel: values.numeratorLabel.trim() || null,
    denominatorLabel: values.denominatorLabel.trim() || null,
    // Emptied, it is cleared: the definitions are then taken to agree.
    comparatorDifference: values.comparatorDifference.trim() || null,
  };
}

const options = <T extends string>(values: readonly T[], words: Record<T, string>) =>
  values.map((value) => ({ value, label: words[value] }));

/** Adds an indicator to the library, or edits one (`/contract/indicators/:code`). */
export default function IndicatorFormPage() {
  const { code } = useParams();
  const library = useIndicatorLibrary();
  const existing = code ? library.data?.find((i) => i.code === code) : undefined;
  if (code && library.isPending) return <LoadingState>Loading the indicator…</LoadingState>;
  if (code && library.isError) return <ErrorState error={library.error} onRetry={() => void library.refetch()} />;
  if (code && !existing) {
    return (
      <>
        <h1>Indicator not found</h1>
        <p>
          There is no indicator with the code {code}. <Link to={INDICATOR_LIBRARY_PATH}>Back to the KPI library</Link>
        </p>
      </>
    );
  }
  return <IndicatorForm key={code ?? 'new'} existing={existing} />;
}

function IndicatorForm({ existing }: { existing: IndicatorAdmin | undefined }) {
  const navigate = useNavigate();
  const create = useCreateIndicator();
  const update = useUpdateIndicator(existing?.code ?? '');
  const [values, setValues] = useState<Values>(existing ? valuesOf(existing) : EMPTY);
  const { errors, attempts, fail, clearErrors } = useFormErrors<FormErrors<Field>>();
  const title = existing ? `Edit ${existing.code}` : 'Add an indicator';
  useDocumentTitle(title, { hasErrors: errors !== null });
  const fixed = existing?.inUse ?? false;
  const pending = create.isPending || update.isPending;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const input = toInput(values);
    const parsed = indicatorInputSchema.safeParse(input);
    if (!parsed.success) {
      fail(formErrorsFromIssues(FORM, parsed.error.issues, { schema: indicatorInputSchema, values }));
      return;
    }
    clearErrors();
    const done = (saved: IndicatorAdmin) =>
      navigate(INDICATOR_LIBRARY_PATH, { state: { done: `${saved.code} is saved.` } });
    const onError = (error: unknown) =>
      fail(formErrorsFrom(error, FORM, undefined, { schema: indicatorInputSchema, values }));
    if (existing) {
      const { code: _code, ...changes } = parsed.data;
      const sent = fixed
        ? { ...changes, unit: undefined, precision: undefined, polarity: undefined, measureType: undefined }
        : changes;
      update.mutate(sent, { onSuccess: done, onError });
    } else create.mutate(parsed.data, { onSuccess: done, onError });
  };

  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const fixedHint = fixed
    ? 'Fixed: this indicator has figures or bands, and changing this would change how past months were rated or shown. Add a new indicator instead.'
    : undefined;

  return (
    <div className="two-thirds">
      <p>
        <Link to={INDICATOR_LIBRARY_PATH}>Back to the KPI library</Link>
      </p>
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h1>{title}</h1>
      <form onSubmit={onSubmit} noValidate>
        {!existing && (
          <TextField
            id="code"
            label="Code"
            hint="As the contract numbers it, for example PI16. It cannot change later."
            value={values.code}
            onChange={set('code')}
            error={errors?.fields.code}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <TextField
          id="title"
          label="Title"
          value={values.title}
          onChange={set('title')}
          error={errors?.fields.title}
          maxLength={maxLengthOf(SHAPE.title)}
        />
        <TextField
          id="shortTitle"
          label="Short title (optional)"
          hint="For charts and narrow tables."
          value={values.shortTitle}
          onChange={set('shortTitle')}
          error={errors?.fields.shortTitle}
          maxLength={maxLengthOf(SHAPE.shortTitle)}
        />
        <TextAreaField
          id="definition"
          label="Definition"
          value={values.definition}
          onChange={set('definition')}
          error={errors?.fields.definition}
          maxLength={maxLengthOf(SHAPE.definition)}
        />
        <TextAreaField
          id="whyItMatters"
          label="Why it matters"
          value={values.whyItMatters}
          onChange={set('whyItMatters')}
          error={errors?.fields.whyItMatters}
          maxLength={maxLengthOf(SHAPE.whyItMatters)}
        />
        <SelectField
          id="theme"
          label="Theme"
          value={values.theme}
          onChange={set('theme')}
          options={options(THEMES, THEME_LABELS)}
          error={errors?.fields.theme}
        />
        <SelectField
          id="unit"
          label="Unit"
          value={values.unit}
          onChange={set('unit')}
          options={options(UNITS, UNIT_WORDS)}
          error={errors?.fields.unit}
          disabled={fixed}
          {...(fixedHint ? { hint: fixedHint } : {})}
        />
        <SelectField
          id="precision"
          label="Decimal places shown (figures are rated as shown)"
          value={values.precision}
          onChange={set('precision')}
          options={['0', '1', '2', '3', '4'].map((p) => ({ value: p, label: p }))}
          error={errors?.fields.precision}
          disabled={fixed}
        />
        <SelectField
          id="polarity"
          label="Better when the figure is"
          value={values.polarity}
          onChange={set('polarity')}
          options={options(POLARITIES, POLARITY_WORDS)}
          error={errors?.fields.polarity}
          disabled={fixed}
        />
        <SelectField
          id="measureType"
          label="What a month's figure measures"
          value={values.measureType}
          onChange={set('measureType')}
          options={options(MEASURE_TYPES, MEASURE_TYPE_WORDS)}
          error={errors?.fields.measureType}
          disabled={fixed}
        />
        <TextField
          id="numeratorLabel"
          label="Numerator (optional)"
          hint="What is counted, for a percentage or rate: for example “Assessments completed within 45 working days”."
          value={values.numeratorLabel}
          onChange={set('numeratorLabel')}
          error={errors?.fields.numeratorLabel}
          maxLength={maxLengthOf(SHAPE.numeratorLabel)}
        />
        <TextField
          id="denominatorLabel"
          label="Denominator (optional)"
          hint="What it is counted out of: for example “Assessments completed”."
          value={values.denominatorLabel}
          onChange={set('denominatorLabel')}
          error={errors?.fields.denominatorLabel}
          maxLength={maxLengthOf(SHAPE.denominatorLabel)}
        />
        <TextAreaField
          id="comparatorDifference"
          label="How DfE’s comparator measure differs (optional)"
          hint={`Only where this indicator’s definition is not DfE’s${existing?.comparatorMeasure ? ` (its comparator is DfE’s ${existing.comparatorMeasure})` : ''}: for example “The contract counts permanent front-line posts only; DfE’s rate covers all children and family social workers at 30 September”. When filled in, the monthly figures are not judged better or worse than DfE’s, and this text is shown beside the comparators on screens and in exports. Leave empty when the definitions agree.`}
          value={values.comparatorDifference}
          onChange={set('comparatorDifference')}
          error={errors?.fields.comparatorDifference}
          maxLength={maxLengthOf(SHAPE.comparatorDifference)}
        />
        <button type="submit" className="button" aria-busy={pending}>
          {existing ? 'Save changes' : 'Add indicator'}
        </button>
      </form>
    </div>
  );
}
