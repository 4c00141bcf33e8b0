import { useId, type ReactNode } from 'react';

import { cn } from '../utils/cn';

export interface ChipProps {
  children: ReactNode;
  /** `muted` renders a dashed, greyed chip for something missing. */
  variant?: 'default' | 'success' | 'muted';
  /** Shown on hover and keyboard focus; also the chip's accessible description. */
  tooltip?: ReactNode;
  className?: string;
}

export function Chip({ children, variant = 'default', tooltip, className }: ChipProps) {
  const tipId = useId();
  return (
    <span
      className={cn(
        'ui-chip',
        `ui-chip--${variant}`,
        tooltip ? 'ui-chip--has-tip' : undefined,
        className,
      )}
      tabIndex={tooltip ? 0 : undefined}
      aria-describedby={tooltip ? tipId : undefined}
    >
      {children}
      {tooltip && (
        <span id={tipId} role="tooltip" className="ui-chip__tooltip">
          {tooltip}
        </span>
      )}
    </span>
  );
}
