import { Spinner } from '../spinner';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="ui-loading-state" role="status" aria-live="polite">
      <Spinner size="lg" />
      <span>{label}</span>
    </div>
  );
}
