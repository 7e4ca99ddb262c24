import { useEffect, useState } from 'preact/hooks';
import { PLOVER_TYPES, type FacetCount } from './api';
import { useJson } from './data';
import { navigate, type AppState, type FilterKey, type Filters } from './state';

/** The filter bar every view shares: what it sets goes into the URL. */
export function FilterBar({ state }: { state: AppState }) {
  const [draft, setDraft] = useState<Filters>(state.filters);
  useEffect(() => setDraft(state.filters), [JSON.stringify(state.filters)]);
  const countries = useJson<FacetCount[]>('/api/facets', { field: 'country' });
  const set = (key: FilterKey) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const apply = (event: Event) => {
    event.preventDefault();
    const filters: Filters = {};
    for (const [key, value] of Object.entries(draft)) if (value) filters[key as FilterKey] = value;
    navigate({ ...state, filters });
  };
  const clear = () => navigate({ ...state, filters: {} });
  return (
    <form class="filters" role="search" aria-label="Filters" onSubmit={apply}>
      <label>From <input type="date" name="from" value={draft.from ?? ''} onInput={set('from')} /></label>
      <label>To <input type="date" name="to" value={draft.to ?? ''} onInput={set('to')} /></label>
      <label>Type
        <select name="type" value={draft.type ?? ''} onChange={set('type')}>
          <option value="">any</option>
          {PLOVER_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
        </select>
      </label>
      <label>Actor <input name="actor" value={draft.actor ?? ''} onInput={set('actor')} placeholder="code, country or name" size={14} /></label>
      <label>with <input name="recipient" value={draft.recipient ?? ''} onInput={set('recipient')} placeholder="other side (dyad)" size={14} /></label>
      <label>Country
        <select name="country" value={draft.country ?? ''} onChange={set('country')}>
          <option value="">any</option>
          {(countries.data ?? []).map((c) => <option key={c.value} value={c.value}>{c.value} ({c.count})</option>)}
        </select>
      </label>
      <label>Min. confidence
        <input type="number" name="minConfidence" min="0" max="1" step="0.05" value={draft.minConfidence ?? ''} onInput={set('minConfidence')} size={4} />
      </label>
      <label>Text <input type="search" name="text" value={draft.text ?? ''} onInput={set('text')} size={14} /></label>
      <button type="submit">Apply</button>
      <button type="button" onClick={clear}>Clear</button>
    </form>
  );
}
