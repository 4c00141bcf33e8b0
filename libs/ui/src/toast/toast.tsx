import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

import { cn } from '../utils/cn';

export type ToastVariant = 'success' | 'error' | 'info';

export interface ToastInput {
  title: string;
  message?: string;
  variant?: ToastVariant;
  /** Milliseconds before it closes itself; 0 keeps it until dismissed. */
  duration?: number;
}

interface ToastItem extends Required<Omit<ToastInput, 'message'>> {
  id: number;
  message?: string;
}

interface ToastApi {
  show: (toast: ToastInput) => void;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  // A toast's dismissal timer must not outlive the provider (a state update after unmount).
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      pending.forEach(clearTimeout);
      pending.clear();
    };
  }, []);

  const dismiss = useCallback((id: number) => {
    setToasts((all) => all.filter((t) => t.id !== id));
  }, []);

  const show = useCallback(
    ({ title, message, variant = 'success', duration = 5000 }: ToastInput) => {
      const id = nextId.current++;
      setToasts((all) => [...all, { id, title, message, variant, duration }]);
      if (duration > 0) {
        const timer = setTimeout(() => {
          timers.current.delete(timer);
          dismiss(id);
        }, duration);
        timers.current.add(timer);
      }
    },
    [dismiss],
  );

  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="ui-toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={cn('ui-toast', `ui-toast--${t.variant}`)}>
            <div>
              <p className="ui-toast__title">{t.title}</p>
              {t.message && <p className="ui-toast__message">{t.message}</p>}
            </div>
            <button
              type="button"
              className="ui-toast__close"
              aria-label="Dismiss notification"
              onClick={() => dismiss(t.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error('useToast must be used inside <ToastProvider>');
  return ctx;
}
