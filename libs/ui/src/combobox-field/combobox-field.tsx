import { useId, useMemo, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';

import { cn } from '../utils/cn';

export interface ComboboxOption {
  value: string;
  label: string;
  /** Shown at the right of the option (e.g. a time zone's offset); also searched. */
  detail?: string;
  /** More words that find the option without being shown (e.g. the IANA name). */
  keywords?: string;
}

export interface ComboboxGroup {
  label: string;
  options: readonly ComboboxOption[];
}

export interface ComboboxFieldProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  groups: readonly ComboboxGroup[];
  /** The text the input shows for the chosen value while the list is closed. */
  valueLabel?: (value: string) => string;
  name?: string;
  error?: string;
  hint?: ReactNode;
  disabled?: boolean;
  placeholder?: string;
  /** The popup list's name, e.g. "Time zones" (the label names the input). */
  listLabel?: string;
  /** Said when the typed text matches nothing. */
  noMatchText?: (query: string) => string;
  onBlur?: () => void;
  ref?: Ref<HTMLInputElement>;
}

const normalize = (text: string) => text.toLowerCase().replace(/[_/]/g, ' ');

function matches(group: ComboboxGroup, option: ComboboxOption, terms: readonly string[]) {
  const haystack = normalize(
    `${group.label} ${option.label} ${option.detail ?? ''} ${option.keywords ?? ''}`,
  );
  return terms.every((t) => haystack.includes(t));
}

/**
 * A text input that filters a grouped list (the ARIA 1.2 combobox with a listbox popup): type to
 * narrow it, arrows to move, Enter or a click to choose, Escape to close. Only a listed value can
 * be chosen; leaving the field without choosing keeps the previous value.
 */
export function ComboboxField({
  label,
  value,
  onChange,
  groups,
  valueLabel,
  name,
  error,
  hint,
  disabled,
  placeholder,
  listLabel = 'Suggestions',
  noMatchText = (q) => `Nothing matches “${q}”`,
  onBlur,
  ref,
}: ComboboxFieldProps) {
  const baseId = useId();
  const inputId = `${baseId}-input`;
  const listId = `${baseId}-list`;
  const messageId = `${baseId}-message`;
  const optionId = (index: number) => `${baseId}-option-${index}`;

  const [open, setOpen] = useState(false);
  // null while the user is not typing: the input then shows the chosen value
  const [query, setQuery] = useState<string | null>(null);
  const [activeIndex, setActiveIndex] = useState(-1);

  const allOptions = useMemo(() => groups.flatMap((g) => g.options), [groups]);
  const labelOf = (v: string) =>
    valueLabel?.(v) ?? allOptions.find((o) => o.value === v)?.label ?? v;

  const filtered = useMemo(() => {
    const terms = normalize(query ?? '')
      .split(/\s+/)
      .filter(Boolean);
    return groups
      .map((g) => ({ label: g.label, options: g.options.filter((o) => matches(g, o, terms)) }))
      .filter((g) => g.options.length > 0);
  }, [groups, query]);
  const flat = useMemo(() => filtered.flatMap((g) => g.options), [filtered]);

  const moveTo = (index: number) => {
    setActiveIndex(index);
    // jsdom has no scrollIntoView
    document.getElementById(optionId(index))?.scrollIntoView?.({ block: 'nearest' });
  };

  const openList = () => {
    if (disabled) return;
    setOpen(true);
    const selected = flat.findIndex((o) => o.value === value);
    setActiveIndex(selected);
  };

  const close = () => {
    setOpen(false);
    setQuery(null);
    setActiveIndex(-1);
  };

  const choose = (option: ComboboxOption) => {
    onChange(option.value);
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) openList();
        else if (flat.length) moveTo(Math.min(activeIndex + 1, flat.length - 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) openList();
        else if (flat.length) moveTo(Math.max(activeIndex - 1, 0));
        break;
      case 'Enter':
        if (open) {
          // choosing must not submit the form around the field
          e.preventDefault();
          const option = flat[activeIndex];
          if (option) choose(option);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          // a dialog around the field must not close as well
          e.stopPropagation();
          close();
        }
        break;
      default:
        break;
    }
  };

  let index = -1;
  return (
    <div className={cn('ui-field', error && 'ui-field--invalid')}>
      <label className="ui-field__label" htmlFor={inputId}>
        {label}
      </label>
      <div className="ui-combobox__control">
        <input
          ref={ref}
          id={inputId}
          name={name}
          className="ui-input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? messageId : undefined}
          disabled={disabled}
          placeholder={placeholder}
          value={query ?? labelOf(value)}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActiveIndex(0);
          }}
          // typing replaces the shown choice rather than appending to it
          onFocus={(e) => e.target.select()}
          onClick={() => (open ? undefined : openList())}
          onKeyDown={onKeyDown}
          onBlur={() => {
            close();
            onBlur?.();
          }}
        />
        <div
          id={listId}
          role="listbox"
          aria-label={listLabel}
          className="ui-combobox__list"
          hidden={!open || flat.length === 0}
        >
          {open &&
            filtered.map((group) => (
              <div key={group.label} role="group" aria-label={group.label}>
                <div className="ui-combobox__group-label" aria-hidden="true">
                  {group.label}
                </div>
                {group.options.map((option) => {
                  index += 1;
                  const i = index;
                  return (
                    <div
                      key={option.value}
                      id={optionId(i)}
                      role="option"
                      aria-selected={option.value === value}
                      className={cn(
                        'ui-combobox__option',
                        i === activeIndex && 'ui-combobox__option--active',
                      )}
                      // keep the focus in the input so the list stays open until the click lands
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => choose(option)}
                    >
                      <span>{option.label}</span>
                      {/* a space, so that the option reads "Tokyo GMT+09:00" */}{' '}
                      {option.detail && (
                        <span className="ui-combobox__detail">{option.detail}</span>
                      )}
                    </div>
                  );
                })}
              </div>
            ))}
        </div>
      </div>
      {open && flat.length === 0 && (
        <p className="ui-combobox__empty" role="status">
          {noMatchText(query ?? '')}
        </p>
      )}
      {error ? (
        <p id={messageId} className="ui-field__error" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="ui-field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
