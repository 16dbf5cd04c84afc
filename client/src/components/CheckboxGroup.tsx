import { useId } from 'react';
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
        {choices.map((choice) => {
          const inputId = `${id}-${choice.value}`;
          return (
            <div className="checkboxes__item" key={choice.value}>
              <input
                className="checkboxes__input"
                type="checkbox"
                id={inputId}
                value={choice.value}
                checked={values.includes(choice.value)}
                disabled={choice.disabled}
                onChange={(event) => toggle(choice.value, event.target.checked)}
              />
              <label className="checkboxes__label" htmlFor={inputId}>
                {choice.label}
                {choice.hint && <span className="checkboxes__hint">{choice.hint}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
