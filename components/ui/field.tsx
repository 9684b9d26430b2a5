import type { ComponentProps } from 'react';

/**
 * A labelled input with its hint and errors beside it, linked by aria-describedby so a screen
 * reader reads the rule and the problem with the field.
 */
export function Field({
  id,
  label,
  hint,
  errors,
  'aria-describedby': extraDescribedBy,
  ...input
}: Omit<ComponentProps<'input'>, 'id'> & { id: string; label: string; hint?: string; errors?: string[] }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorText = errors && errors.length > 0 ? errors.map((e) => (/[.!?]$/.test(e) ? e : `${e}.`)).join(' ') : undefined;
  const errorId = errorText ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId, extraDescribedBy].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errorId ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={errorId ? true : undefined} {...input} aria-describedby={describedBy} />
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="field-error">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}
