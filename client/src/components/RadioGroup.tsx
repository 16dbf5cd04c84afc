import { type ReactNode, useId } from 'react';

/** A choice; its hint may carry markup (a tag beside a figure, say). */
export type Choice<T extends string> = { value: T; label: string; hint?: ReactNode };

type RadioGroupProps<T extends string> = {
  legend: string;
  name: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  /** Lays the radios out in a row on wide screens. */
  inline?: boolean;
  hint?: string;
};

/** GOV.UK radios in a fieldset. Each change applies at once: these only filter what the page shows. */
export function RadioGroup<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  inline,
  hint,
}: RadioGroupProps<T>) {
  const id = useId();
  return (
    <fieldset className="fieldset" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="fieldset__legend">{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className={inline ? 'radios radios--inline' : 'radios'}>
        {choices.map((choice) => {
          const inputId = `${id}-${choice.value}`;
          return (
            <div className="radios__item" key={choice.value}>
              <input
                className="radios__input"
                type="radio"
                id={inputId}
                name={name}
                value={choice.value}
                checked={choice.value === value}
                onChange={() => onChange(choice.value)}
              />
              <label className="radios__label" htmlFor={inputId}>
                {choice.label}
                {choice.hint && <span className="radios__hint">{choice.hint}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
