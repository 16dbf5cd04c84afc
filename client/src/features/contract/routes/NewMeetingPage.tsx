import { formatDate, meetingInputSchema } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import type { NoticeState } from '../../../components/NavigationNotice';
import { TextField } from '../../../components/TextField';
import {
  type FormErrors,
  type FormSpec,
  formErrorsFrom,
  formErrorsFromIssues,
  maxLengthOf,
  withSummary,
} from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useFormErrors } from '../../../lib/useFormErrors';
import { monthsCovered } from '../../meetings';
import { useCreateMeeting } from '../api/contract';
import { CONTRACT_PATH } from '../paths';
import { MONTH_HINT } from '../words';

const FIELDS = ['board', 'heldOn', 'monthsFrom', 'monthsTo'] as const;
type Field = (typeof FIELDS)[number];
const FORM: FormSpec<Field> = {
  order: FIELDS,
  words: {
    board: { label: 'Board name', missing: "Enter the board's name" },
    heldOn: { label: 'Date of the meeting', missing: 'Enter the date of the meeting', kind: 'date' },
    monthsFrom: { label: 'First month it receives', missing: 'Enter the first month it receives', kind: 'month' },
    monthsTo: { label: 'Last month it receives', missing: 'Enter the last month it receives', kind: 'month' },
  },
};
const CONTEXT = { schema: meetingInputSchema };

/**
 * Adds a meeting to the calendar: the committee, its date and the months it receives. Its months
 * stay pre-release until the meeting is published from the Meetings page, which locks them.
 */
export default function NewMeetingPage() {
  const navigate = useNavigate();
  const create = useCreateMeeting();
  const [values, setValues] = useState<Record<Field, string>>({ board: '', heldOn: '', monthsFrom: '', monthsTo: '' });
  const { errors, attempts, fail, clearErrors } = useFormErrors<FormErrors<Field>>();
  useDocumentTitle('Add a meeting', { hasErrors: errors !== null });
  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const parsed = meetingInputSchema.safeParse(values);
    if (!parsed.success) {
      fail(formErrorsFromIssues(FORM, parsed.error.issues, { ...CONTEXT, values }));
      return;
    }
    if (parsed.data.monthsTo < parsed.data.monthsFrom) {
      fail(withSummary(FIELDS, { monthsTo: 'Last month it receives must be the same as or after the first month' }));
      return;
    }
    clearErrors();
    create.mutate(parsed.data, {
      onSuccess: (meeting) => {
        const state: NoticeState = {
          done: `Added the ${meeting.board} meeting of ${formatDate(meeting.heldOn)}, receiving ${monthsCovered(meeting)}. Its figures stay pre-release until it is published.`,
        };
        navigate('/meetings', { state });
      },
      onError: (error) => fail(formErrorsFrom(error, FORM, undefined, { ...CONTEXT, values })),
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
          maxLength={maxLengthOf(meetingInputSchema.shape.board)}
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
