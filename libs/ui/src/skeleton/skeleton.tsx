import type { CSSProperties } from 'react';

import { cn } from '../utils/cn';

export interface SkeletonProps {
  width?: CSSProperties['width'];
  height?: CSSProperties['height'];
  className?: string;
}

/** A grey placeholder block shown while data loads (decorative: hidden from assistive tech). */
export function Skeleton({ width = '100%', height = 16, className }: SkeletonProps) {
  return (
    <span className={cn('ui-skeleton', className)} style={{ width, height }} aria-hidden="true" />
  );
}
