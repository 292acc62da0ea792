// An entity field with suggestions: type a name, pick from the list with the mouse, or with the arrow
// keys and Enter (ARIA combobox). Text typed without picking is kept as is: a slug works too.
import { useEffect, useState } from 'preact/hooks';
import { words } from '../components.tsx';
import { graphql } from '../graphql.ts';
import { useQuery } from '../use-query.ts';

const SUGGEST_DEBOUNCE_MS = 200;

const SuggestQuery = graphql(`
  query ExplorerEntitySuggestions($search: String!) {
    entities(search: $search, first: 8) { edges { node { id name kind slug } } }
  }
`);

export interface PickedEntity {
  id: string;
  name: string;
}

export interface EntityChoice {
  text: string;
  picked: PickedEntity | null;
}

interface Props {
  id: string;
  label: string;
  value: EntityChoice;
  onChange: (value: EntityChoice) => void;
}

export function EntityPicker({ id, label, value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [search, setSearch] = useState('');
  const typed = value.picked ? '' : value.text.trim();
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed), SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, loading } = useQuery(SuggestQuery, open && search.length >= 2 ? { search: search.slice(0, 200) } : null);
  // While a newer search runs, the older answer is not offered.
  const suggestions = open && search === typed && !loading ? (data?.entities.edges ?? []).map((edge) => edge.node) : [];
  const listId = `${id}-suggestions`;
  const expanded = suggestions.length > 0;

  const pick = (entity: PickedEntity) => {
    onChange({ text: entity.name, picked: { id: entity.id, name: entity.name } });
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!expanded) return setOpen(true);
      event.preventDefault();
      // Up from the first suggestion goes back to the typed text (no active option).
      setActive((at) => (event.key === 'ArrowDown' ? Math.min(at + 1, suggestions.length - 1) : Math.max(at - 1, -1)));
    } else if (event.key === 'Enter' && expanded && active >= 0 && suggestions[active]) {
      event.preventDefault(); // picks; the next Enter submits the form
      pick(suggestions[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div class="entity-picker">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        aria-label={label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded ? 'true' : 'false'}
        aria-controls={listId}
        {...(expanded && active >= 0 ? { 'aria-activedescendant': `${listId}-${active}` } : {})}
        autocomplete="off"
        spellcheck={false}
        placeholder="Name or slug, e.g. Khorgos"
        value={value.text}
        onInput={(event) => {
          onChange({ text: event.currentTarget.value, picked: null });
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={`${label} suggestions`} class="suggestions" hidden={!expanded}>
        {suggestions.map((entity, index) => (
          <li
            key={entity.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active ? 'true' : 'false'}
            class={index === active ? 'active' : undefined}
            // mousedown, not click: the input keeps focus and its blur does not close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(entity);
            }}
          >
            {entity.name} <span class="tag">{words(entity.kind)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
