import { meetingInputSchema } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { TextField } from '../../../components/TextField';
import { type FormErrors, formErrorsFrom, withSummary } from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCreateMeeting } from '../api/contract';
import { CONTRACT_PATH } from '../paths';
import { MONTH_HINT } from '../words';

const FIELDS = ['board', 'heldOn', 'monthsFrom', 'monthsTo'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Adds a meeting to the calendar: the committee, its date and the months it receives. Its months
 * stay pre-release until the meeting is published from the Meetings page, which locks them.
 */
export default function NewMeetingPage() {
  useDocumentTitle('Add a meeting');
  const navigate = useNavigate();
  const create = useCreateMeeting();
  const [values, setValues] = useState<Record<Field, string>>({ board: '', heldOn: '', monthsFrom: '', monthsTo: '' });
  const [errors, setErrors] = useState<FormErrors<Field> | null>(null);
  const [attempts, setAttempts] = useState(0);
  const fail = (found: FormErrors<Field>) => {
    setErrors(found);
    setAttempts((n) => n + 1);
  };
  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const parsed = meetingInputSchema.safeParse(values);
    if (!parsed.success) {
      const fields: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) fields[issue.path[0] as Field] ??= issue.message;
      fail(withSummary(FIELDS, fields));
      return;
    }
    setErrors(null);
    create.mutate(parsed.data, {
      onSuccess: () => navigate('/meetings'),
      onError: (error) => fail(formErrorsFrom(error, FIELDS)),
    });
  };
  return (
    <div className="two-thirds">
      <p>
        <Link to={CONTRACT_PATH}>Back to the contract</Link>
      </p>
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h1>Add a meeting</h1>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="board"
          label="Committee or board"
          hint="For example: Children's Services and Education Scrutiny Board"
          value={values.board}
          onChange={set('board')}
          error={errors?.fields.board}
        />
        <TextField
          id="heldOn"
          label="Date of the meeting"
          hint="As a date, for example 2025-09-08."
          value={values.heldOn}
          onChange={set('heldOn')}
          error={errors?.fields.heldOn}
        />
        <TextField
          id="monthsFrom"
          label="First month it receives"
          hint={MONTH_HINT}
          value={values.monthsFrom}
          onChange={set('monthsFrom')}
          error={errors?.fields.monthsFrom}
        />
        <TextField
          id="monthsTo"
          label="Last month it receives"
          hint={MONTH_HINT}
          value={values.monthsTo}
          onChange={set('monthsTo')}
          error={errors?.fields.monthsTo}
        />
        <button type="submit" className="button" aria-busy={create.isPending}>
          Add the meeting
        </button>
      </form>
    </div>
  );
}
