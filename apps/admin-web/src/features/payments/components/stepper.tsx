import { cn } from '@settle/ui';

export function Stepper({ steps, current }: { steps: readonly string[]; current: number }) {
  return (
    <ol className="app-stepper" aria-label="Payment steps">
      {steps.map((label, i) => (
        <li
          key={label}
          className={cn(
            'app-stepper__step',
            i === current && 'app-stepper__step--current',
            i < current && 'app-stepper__step--done',
          )}
          aria-current={i === current ? 'step' : undefined}
        >
          <span className="app-stepper__index" aria-hidden="true">
            {i < current ? '✓' : i + 1}
          </span>
          {label}
        </li>
      ))}
    </ol>
  );
}
