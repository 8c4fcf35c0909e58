import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useFocusTrap } from './useFocusTrap';

export type PickerItem = {
  id: string;
  label: ReactNode;
  /** Plain text for matching and for screen readers. */
  text: string;
  hint?: ReactNode;
  group: string;
  run: () => void;
};

type Props = {
  title: string;
  placeholder: string;
  query: string;
  onQuery: (q: string) => void;
  items: PickerItem[];
  onClose: () => void;
  status?: ReactNode;
  testId?: string;
};

/**
 * A modal search box over a list (command palette, tenant switcher): type to
 * filter, arrows to move, Enter to run, Escape to leave. Combobox + listbox
 * roles so the active option is announced.
 */
export function Picker({ title, placeholder, query, onQuery, items, onClose, status, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const titleId = useId();
  useFocusTrap(ref, onClose);

  useEffect(() => inputRef.current?.focus(), []);
  // A new query restarts from the top, like every palette.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on query change only
  useEffect(() => setActive(0), [query]);

  const run = (item: PickerItem | undefined) => {
    if (!item) return;
    onClose();
    item.run();
  };

  const groups = groupItems(items);
  return (
    <div className="modal-backdrop modal-top">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="modal picker"
        data-testid={testId}
      >
        <h2 id={titleId} className="visually-hidden">
          {title}
        </h2>
        <input
          ref={inputRef}
          className="picker-input"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-label={title}
          aria-activedescendant={items[active] ? `${listId}-${active}` : undefined}
          placeholder={placeholder}
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(items.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(items[active]);
            }
          }}
        />
        <div id={listId} role="listbox" aria-label={title} className="picker-list">
          {groups.map(([group, entries]) => (
            // biome-ignore lint/a11y/useSemanticElements: a listbox group, not a form fieldset
            <div key={group} role="group" aria-labelledby={`${listId}-g-${slug(group)}`}>
              <div id={`${listId}-g-${slug(group)}`} className="picker-group">
                {group}
              </div>
              {entries.map(({ item, index }) => (
                <div
                  key={item.id}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  tabIndex={-1}
                  className={index === active ? 'picker-item is-active' : 'picker-item'}
                  onMouseMove={() => setActive(index)}
                  onClick={() => run(item)}
                  onKeyDown={undefined}
                >
                  <span className="picker-label">{item.label}</span>
                  {item.hint ? <span className="picker-hint">{item.hint}</span> : null}
                </div>
              ))}
            </div>
          ))}
        </div>
        {items.length === 0 ? <p className="picker-empty">No matches. Try a name or an id.</p> : null}
        {status ? <div className="picker-status">{status}</div> : null}
      </div>
    </div>
  );
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function groupItems(items: PickerItem[]): [string, { item: PickerItem; index: number }[]][] {
  const map = new Map<string, { item: PickerItem; index: number }[]>();
  items.forEach((item, index) => {
    const list = map.get(item.group) ?? [];
    list.push({ item, index });
    map.set(item.group, list);
  });
  return [...map.entries()];
}
