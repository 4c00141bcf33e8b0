import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

import { cn } from '../utils/cn';

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  ref?: Ref<HTMLInputElement>;
}

export function CheckboxField({ label, hint, error, id, className, ...rest }: CheckboxFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const messageId = `${inputId}-message`;
  return (
    <div className={cn('ui-checkbox', error && 'ui-checkbox--invalid', className)}>
      <input
        id={inputId}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        {...rest}
      />
      <label htmlFor={inputId}>{label}</label>
      {error ? (
        <p id={messageId} className="ui-field__error ui-checkbox__hint" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="ui-field__hint ui-checkbox__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
