import { request } from './api.js';
import { debounce, h, uid } from './dom.js';
import { type EntityKind, SearchQuery } from './graphql.js';
import { kindIcon, kindLabel } from './kinds.js';

export interface Hit {
  key: string;
  name: string;
  kind: EntityKind;
}

export interface SearchBoxOptions {
  label: string;
  placeholder?: string;
  value?: string;
  /** Kinds to search; read on every keystroke. Empty: all kinds. */
  kinds?: () => EntityKind[];
  onChoose: (hit: Hit) => void;
  onError: (error: unknown, retry: () => void) => void;
}

/**
 * An `<input type="search">` that searches as one types (debounced) and lists the hits in an
 * ARIA 1.2 combobox: arrows move, Enter (or a click) chooses, Escape closes.
 */
export function searchBox(options: SearchBoxOptions) {
  const inputId = uid('search');
  const listId = uid('hits');
  const input = h('input', {
    id: inputId,
    type: 'search',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    placeholder: options.placeholder ?? '',
  });
  input.value = options.value ?? '';
  const list = h('ul', { id: listId, role: 'listbox', class: 'hits', 'aria-label': `${options.label} results`, hidden: true });
  const status = h('p', { class: 'search-status', role: 'status' });
  let hits: Hit[] = [];
  let active = -1;
  let generation = 0;
  /** The hit chosen for the current text, if any. */
  let chosen: Hit | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    for (const [i, item] of [...list.children].entries()) item.setAttribute('aria-selected', String(i === index));
    const item = list.children[index];
    if (item) {
      input.setAttribute('aria-activedescendant', item.id);
      item.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const choose = (hit: Hit) => {
    chosen = hit;
    input.value = hit.name;
    status.textContent = '';
    close();
    options.onChoose(hit);
  };
  const run = async () => {
    const text = input.value.trim();
    const mine = ++generation;
    if (text.length < 1) {
      hits = [];
      status.textContent = '';
      close();
      return;
    }
    const kinds = options.kinds?.() ?? [];
    try {
      const data = await request(SearchQuery, { text, kinds: kinds.length > 0 ? kinds : null, first: 10 });
      if (mine !== generation) return;
      hits = data.search.map((hit) => hit.entity);
    } catch (error) {
      if (mine === generation) options.onError(error, () => void run());
      return;
    }
    list.replaceChildren(
      ...hits.map((hit, index) =>
        h(
          'li',
          {
            id: `${listId}-${index}`,
            role: 'option',
            'aria-selected': 'false',
            onmousedown: (event: Event) => event.preventDefault(),
            onclick: () => choose(hit),
          },
          kindIcon(hit.kind),
          h('span', { class: 'hit-name' }, hit.name),
          h('span', { class: 'hit-kind' }, kindLabel(hit.kind)),
        ),
      ),
    );
    status.textContent = hits.length === 0 ? `Nothing found for “${text}”.` : `${hits.length} result${hits.length === 1 ? '' : 's'}.`;
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(hits.length > 0));
    highlight(Math.min(0, hits.length - 1));
  };
  const debounced = debounce(() => void run(), 200);
  input.addEventListener('input', () => {
    chosen = undefined;
    debounced();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
      highlight((active + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length > 0) {
      event.preventDefault();
      highlight((active - 1 + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      const hit = hits[Math.max(active, 0)];
      if (hit && !list.hidden) {
        event.preventDefault();
        choose(hit);
      }
    } else if (event.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  const element = h('div', { class: 'search-box' }, h('label', { for: inputId }, options.label), input, list, status);
  return {
    element,
    input,
    /** The chosen entity's key, or the first hit for the typed text (searching if needed). */
    async resolve(): Promise<Hit | undefined> {
      if (chosen && chosen.name === input.value) return chosen;
      const text = input.value.trim();
      if (!text) return undefined;
      const data = await request(SearchQuery, { text, kinds: null, first: 1 });
      return data.search[0]?.entity;
    },
    setChosen(hit: Hit) {
      chosen = hit;
      input.value = hit.name;
    },
  };
}
