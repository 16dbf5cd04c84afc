import { type CouncilRename, councilRenameSchema, setupStatusSchema } from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { TextField } from '../../../components/TextField';
import { apiFetch, isApiError } from '../../../lib/apiClient';
import { type FormErrors, type FormSpec, formErrorsFrom, formErrorsFromIssues } from '../../../lib/formErrors';
import { useFormErrors } from '../../../lib/useFormErrors';

type Field = 'name';
const FORM: FormSpec<Field> = {
  order: ['name'],
  words: { name: { label: 'The council’s name', missing: 'Enter the council’s name' } },
  fieldId: () => 'councilName',
};

/**
 * Renaming the council in view (its administrators): the name on screens and exports. Its area
 * code, which the addresses of its pages use, does not change, so links to it keep working.
 */
export function CouncilNameForm({ name, areaCode }: { name: string; areaCode: string }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(name);
  const { errors, attempts, fail, clearErrors } = useFormErrors<FormErrors<Field>>();
  const rename = useMutation({
    mutationFn: (body: CouncilRename) => apiFetch('/api/organisation/name', setupStatusSchema, { method: 'PUT', body }),
    // The header, the council switcher and every page show the name.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (rename.isPending) return;
    const parsed = councilRenameSchema.safeParse({ name: value });
    if (!parsed.success) {
      fail(formErrorsFromIssues(FORM, parsed.error.issues, { values: { name: value } }));
      return;
    }
    clearErrors();
    rename.mutate(parsed.data, {
      onError: (error) =>
        // Another council's name belongs beside the field, in the server's words.
        fail(
          isApiError(error) && error.code === 'duplicate_name'
            ? {
                fields: { name: error.detail ?? error.title },
                summary: [{ text: error.detail ?? '', fieldId: 'councilName' }],
              }
            : formErrorsFrom(error, FORM),
        ),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="council-name-heading">
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h3 id="council-name-heading">Rename the council</h3>
      {rename.isSuccess && (
        <div className="notification" role="status">
          <p>The council is now called {rename.data.organisation?.name}.</p>
        </div>
      )}
      <TextField
        id="councilName"
        label="The council’s name"
        hint={`As it appears on screens, exports and the council switcher. Its code (${areaCode}), which links to its pages use, stays the same.`}
        value={value}
        onChange={setValue}
        error={errors?.fields.name}
      />
      <button type="submit" className="button button--secondary" aria-busy={rename.isPending}>
        Rename the council
      </button>
    </form>
  );
}
