import type { Choice } from './RadioGroup';

type ToggleButtonsProps<T extends string> = {
  /** Names the group for assistive technology, e.g. "Show the figures as". */
  label: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
};

/** Two or more real buttons, the chosen one pressed (aria-pressed), such as Chart | Table. */
export function ToggleButtons<T extends string>({ label, choices, value, onChange }: ToggleButtonsProps<T>) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset.
    <div className="toggle-buttons" role="group" aria-label={label}>
      {choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          className="toggle-buttons__button"
          aria-pressed={choice.value === value}
          onClick={() => onChange(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
