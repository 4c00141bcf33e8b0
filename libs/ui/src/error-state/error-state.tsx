import type { ReactNode } from 'react';

export interface ErrorStateProps {
  title?: ReactNode;
  message?: ReactNode;
  requestId?: string | null;
  action?: ReactNode;
}

export function ErrorState({
  title = 'Something went wrong',
  message,
  requestId,
  action,
}: ErrorStateProps) {
  return (
    <div className="ui-card ui-error-state" role="alert">
      <p className="ui-error-state__title">{title}</p>
      {message && <p className="ui-error-state__text">{message}</p>}
      {requestId && (
        <p className="ui-error-state__request">
          Request ID: <code>{requestId}</code>
        </p>
      )}
      {action && <div className="ui-empty-state__action">{action}</div>}
    </div>
  );
}
