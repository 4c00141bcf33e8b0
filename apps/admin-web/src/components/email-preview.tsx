import { useId, useState, type ReactNode } from 'react';

type View = 'html' | 'text';

/**
 * An email as its recipient reads it: the HTML in an iframe with every sandbox restriction (no
 * scripts, no forms, no same-origin access, links inert), or the plain-text part. The HTML is
 * rendered by the server from templates, yet it holds customer data, so it never runs here.
 * The frame loads the API's HTML document (`htmlSrc`) rather than a srcdoc: a srcdoc would
 * inherit this page's policy, which refuses the email's inline styles; the document carries a
 * policy of its own that allows them and nothing else.
 */
export function EmailPreview({
  htmlSrc,
  text,
  label,
  busy,
}: {
  /** Same-origin URL of the email's HTML document. */
  htmlSrc: string;
  text: string;
  /** Names the frame for screen readers ("Email preview"). */
  label: string;
  /** A newer preview is on its way: the frame is marked busy. */
  busy?: boolean;
}) {
  const [view, setView] = useState<View>('html');
  const id = useId();
  const tab = (value: View, name: ReactNode) => (
    <button
      type="button"
      role="tab"
      id={`${id}-${value}-tab`}
      aria-selected={view === value}
      aria-controls={`${id}-${value}`}
      tabIndex={view === value ? 0 : -1}
      className={view === value ? 'app-tab app-tab--active' : 'app-tab'}
      onClick={() => setView(value)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const next = view === 'html' ? 'text' : 'html';
          setView(next);
          document.getElementById(`${id}-${next}-tab`)?.focus();
        }
      }}
    >
      {name}
    </button>
  );
  return (
    <div className="app-email-preview" aria-busy={busy || undefined}>
      <div role="tablist" aria-label={`${label}: format`} className="app-tabs">
        {tab('html', 'HTML')}
        {tab('text', 'Text')}
      </div>
      {view === 'html' ? (
        <div role="tabpanel" id={`${id}-html`} aria-labelledby={`${id}-html-tab`}>
          <iframe className="app-email-preview__frame" title={label} sandbox="" src={htmlSrc} />
        </div>
      ) : (
        <div role="tabpanel" id={`${id}-text`} aria-labelledby={`${id}-text-tab`}>
          <pre className="ui-pre app-email-preview__text">{text}</pre>
        </div>
      )}
    </div>
  );
}
