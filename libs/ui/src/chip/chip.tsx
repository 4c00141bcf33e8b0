import { useId, type ReactNode } from 'react';

import { cn } from '../utils/cn';

export interface ChipProps {
  children: ReactNode;
  /** `muted` renders a dashed, greyed chip for something missing. */
  variant?: 'default' | 'success' | 'muted';
  /** Shown on hover and keyboard focus; also the chip's accessible description. */
  tooltip?: ReactNode;
  /**
   * For a chip whose content is a link: the link takes the focus (and `aria-describedby` this
   * id), so the chip itself is not a tab stop; its tooltip shows while the link has focus.
   */
  tooltipId?: string;
  className?: string;
}

export function Chip({ children, variant = 'default', tooltip, tooltipId, className }: ChipProps) {
  const ownId = useId();
  const tipId = tooltipId ?? ownId;
  return (
    <span
      className={cn(
        'ui-chip',
        `ui-chip--${variant}`,
        tooltip ? 'ui-chip--has-tip' : undefined,
        className,
      )}
      tabIndex={tooltip && !tooltipId ? 0 : undefined}
      aria-describedby={tooltip && !tooltipId ? tipId : undefined}
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
