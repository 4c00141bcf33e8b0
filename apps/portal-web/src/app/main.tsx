import '@settle/ui/styles.css';
import './app.css';

import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './index';

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');

// The first render as a transition: React renders it in slices and lets the phone's main thread
// breathe in between, instead of one long task (Lighthouse's Total Blocking Time). index.html's
// loading state stays on screen until it commits.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
