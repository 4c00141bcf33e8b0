import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

import { cn } from '../utils/cn';

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  label: ReactNode;
  hint?: ReactNode;
}

export function CheckboxField({ label, hint, id, className, ...rest }: CheckboxFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const hintId = `${inputId}-hint`;
  return (
    <div className={cn('ui-checkbox', className)}>
      <input id={inputId} type="checkbox" aria-describedby={hint ? hintId : undefined} {...rest} />
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p id={hintId} className="ui-field__hint ui-checkbox__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
