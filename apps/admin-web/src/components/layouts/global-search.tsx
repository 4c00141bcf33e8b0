import { Spinner } from '@settle/ui';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

import { useDebouncedValue } from '@/hooks/use-debounced-value';

export interface SearchSuggestion {
  id: string;
  label: string;
  description?: string;
}

export interface SearchSuggestions {
  /** Matches for the query the box last reported through `onQueryChange`. */
  items: readonly SearchSuggestion[];
  /** How many match in all (the list shows the first few). */
  total: number;
  /** The matches are being fetched (the items may still be the previous query's). */
  loading: boolean;
  error: boolean;
}

export interface GlobalSearchProps {
  label: string;
  /** Reports the trimmed text once typing pauses ('' when the box is empty). */
  onQueryChange: (q: string) => void;
  suggestions: SearchSuggestions;
  /** A suggestion was chosen (click, or Enter on the highlighted one). */
  onPick: (suggestion: SearchSuggestion) => void;
  /** Enter with no suggestion highlighted: search for the text itself. */
  onSubmit: (q: string) => void;
  /** What the list says when nothing matches `q`. */
  noMatchesText: (q: string) => string;
  debounceMs?: number;
}

/**
 * The top bar's search: a combobox (ARIA 1.2 pattern) that lists matches as the user types.
 * Arrow keys move through the list, Enter opens the highlighted match or searches for the text,
 * Escape closes the list (and clears the text when the list is already closed).
 */
export function GlobalSearch({
  label,
  onQueryChange,
  suggestions,
  onPick,
  onSubmit,
  noMatchesText,
  debounceMs = 250,
}: GlobalSearchProps) {
  const listId = useId();
  const statusId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const rootRef = useRef<HTMLFormElement>(null);
  const query = useDebouncedValue(text.trim(), debounceMs);
  const settled = query === text.trim();

  useEffect(() => {
    onQueryChange(query);
    // only a settled change of the text asks for suggestions
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const items = suggestions.items;
  const searching = !settled || suggestions.loading;
  const showList = open && text.trim() !== '';
  const activeItem = showList && !searching ? items[active] : undefined;

  const reset = () => {
    setText('');
    setOpen(false);
    setActive(-1);
  };

  const pick = (item: SearchSuggestion) => {
    reset();
    onPick(item);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!showList) {
        setOpen(true);
        return;
      }
      if (searching || items.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      // wraps around; -1 (nothing highlighted) sits between the last and the first
      setActive((i) => ((i + step + 1 + items.length + 1) % (items.length + 1)) - 1);
    } else if (e.key === 'Escape') {
      if (showList) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (text) {
        e.preventDefault();
        setText('');
      }
    } else if (e.key === 'Enter' && activeItem) {
      e.preventDefault();
      pick(activeItem);
    }
  };

  return (
    <form
      ref={rootRef}
      role="search"
      className="app-search"
      onSubmit={(e) => {
        e.preventDefault();
        const q = text.trim();
        reset();
        onSubmit(q);
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <input
        type="search"
        role="combobox"
        className="ui-input"
        placeholder={label}
        aria-label={label}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeItem ? `${listId}-${active}` : undefined}
        aria-describedby={showList ? statusId : undefined}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      <div className="app-search__popup" hidden={!showList}>
        <ul id={listId} role="listbox" aria-label={label} className="app-search__list">
          {!searching &&
            items.map((item, i) => (
              <li
                key={item.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className="app-search__option"
                // keep the focus in the box, so the click lands before the blur closes the list
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(item)}
                onMouseMove={() => setActive(i)}
              >
                <span className="app-search__option-label">{item.label}</span>
                {item.description && (
                  <span className="app-search__option-description ui-muted">
                    {item.description}
                  </span>
                )}
              </li>
            ))}
        </ul>
        <p id={statusId} role="status" className="app-search__status ui-muted">
          {!showList ? null : searching ? (
            <>
              <Spinner size="sm" /> Searching…
            </>
          ) : suggestions.error ? (
            'Could not search. Press Enter to search the list instead.'
          ) : items.length === 0 ? (
            noMatchesText(text.trim())
          ) : suggestions.total > items.length ? (
            `${items.length} of ${suggestions.total} matches. Press Enter to see them all.`
          ) : (
            `${items.length} ${items.length === 1 ? 'match' : 'matches'}.`
          )}
        </p>
      </div>
    </form>
  );
}
