import { Button } from '@settle/ui';
import { useRef, useState } from 'react';

type Progress =
  | { state: 'idle' }
  | { state: 'running'; bytes: number; rows: number }
  | { state: 'done'; rows: number }
  | { state: 'failed'; message: string };

const NEWLINE = 10;

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Downloads a CSV export the server streams, counting bytes and rows as they arrive so that a
 * large export shows progress, then hands the file to the browser. Cancel stops the download.
 */
export function CsvDownload({
  href,
  filename,
  label = 'Download CSV',
}: {
  href: string;
  filename: string;
  label?: string;
}) {
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);

  async function download() {
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ state: 'running', bytes: 0, rows: 0 });
    try {
      const response = await fetch(href, { credentials: 'same-origin', signal: controller.signal });
      if (!response.ok || !response.body) {
        const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
        throw new Error(problem?.detail ?? `The export failed (${response.status}).`);
      }
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        for (let i = 0; i < value.length; i++) if (value[i] === NEWLINE) lines++;
        setProgress({ state: 'running', bytes, rows: Math.max(0, lines - 1) });
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress({ state: 'done', rows: Math.max(0, lines - 1) });
    } catch (error) {
      setProgress(
        controller.signal.aborted
          ? { state: 'idle' }
          : { state: 'failed', message: error instanceof Error ? error.message : String(error) },
      );
    } finally {
      abort.current = null;
    }
  }

  return (
    <div className="app-csv-download">
      {progress.state === 'running' ? (
        <Button size="sm" variant="secondary" onClick={() => abort.current?.abort()}>
          Cancel
        </Button>
      ) : (
        <Button size="sm" variant="secondary" onClick={() => void download()}>
          {label}
        </Button>
      )}
      <span className="ui-muted app-csv-download__status" role="status" aria-live="polite">
        {progress.state === 'running'
          ? `Downloading… ${progress.rows.toLocaleString('en-US')} rows, ${size(progress.bytes)}`
          : progress.state === 'done'
            ? `Downloaded ${progress.rows.toLocaleString('en-US')} rows`
            : progress.state === 'failed'
              ? progress.message
              : ''}
      </span>
    </div>
  );
}
