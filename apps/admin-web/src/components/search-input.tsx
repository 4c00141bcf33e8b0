import { useEffect, useState } from 'react';

import { useDebouncedValue } from '@/hooks/use-debounced-value';

/**
 * A list's own search box: reports the trimmed text after typing pauses (or at once on Enter).
 * `value` is the current query (e.g. from the URL); it re-seeds the box when it changes elsewhere.
 */
export function SearchInput({
  label,
  value,
  onSearch,
  placeholder,
  delay = 300,
}: {
  label: string;
  value: string;
  onSearch: (q: string) => void;
  placeholder?: string;
  delay?: number;
}) {
  const [text, setText] = useState(value);
  const [seed, setSeed] = useState(value);
  if (seed !== value) {
    // the query changed from outside (top-bar search, back button): show it
    setSeed(value);
    setText(value);
  }
  const debounced = useDebouncedValue(text, delay);

  useEffect(() => {
    if (debounced.trim() !== value) onSearch(debounced.trim());
    // only a settled change of the text triggers a search
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  return (
    <form
      role="search"
      className="app-list-search"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim() !== value) onSearch(text.trim());
      }}
    >
      <input
        type="search"
        className="ui-input"
        aria-label={label}
        placeholder={placeholder ?? label}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </form>
  );
}
