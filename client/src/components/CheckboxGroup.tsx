import { useId } from 'react';
import { Checkbox } from './Checkbox';
import type { Choice } from './RadioGroup';

type CheckboxGroupProps<T extends string> = {
  legend: string;
  choices: readonly (Choice<T> & { disabled?: boolean })[];
  values: readonly T[];
  onChange: (values: T[]) => void;
  inline?: boolean;
};

/** GOV.UK checkboxes in a fieldset; the chosen values keep the order of `choices`. */
export function CheckboxGroup<T extends string>({ legend, choices, values, onChange, inline }: CheckboxGroupProps<T>) {
  const id = useId();
  const toggle = (value: T, checked: boolean) =>
    onChange(choices.map((c) => c.value).filter((v) => (v === value ? checked : values.includes(v))));
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">{legend}</legend>
      <div className={inline ? 'checkboxes checkboxes--inline' : 'checkboxes'}>
        {choices.map((choice) => (
          <Checkbox
            key={choice.value}
            id={`${id}-${choice.value}`}
            value={choice.value}
            label={choice.label}
            hint={choice.hint}
            checked={values.includes(choice.value)}
            disabled={choice.disabled}
            onChange={(checked) => toggle(choice.value, checked)}
          />
        ))}
      </div>
    </fieldset>
  );
}
