import { useEffect, useState } from 'preact/hooks';
import { safeHref, type CodedEvent, type Doc, type StoredEvent } from './api';
import { useJson } from './data';
import { ReviewControls } from './review';
import type { AppState } from './state';

interface Annotation { start: number; end: number; kind: string; label: string }

/** Every highlighted span of the document: entities, quotes with their speakers, dates, figures, event triggers. */
function annotations(doc: Doc): Annotation[] {
  const { layers } = doc;
  return [
    ...(layers.entities ?? []).map((e) => ({ start: e.start, end: e.end, kind: `entity entity-${e.type.toLowerCase()}`, label: `${e.type}: ${e.text}` })),
    ...(layers.quotes ?? []).map((q) => ({ start: q.start, end: q.end, kind: 'quote', label: `quote${q.speaker ? ` by ${q.speaker.text}` : ' (speaker unknown)'}` })),
    ...(layers.dates ?? []).map((d) => ({ start: d.start, end: d.end, kind: 'date', label: `date: ${d.value ?? 'unresolved'}` })),
    ...(layers.quantities ?? []).map((q) => ({ start: q.start, end: q.end, kind: 'figure', label: `${q.category}: ${q.min}` })),
    ...(layers.events ?? []).map((e) => ({ start: e.trigger.start, end: e.trigger.end, kind: 'trigger', label: `event ${e.plover}` })),
  ].filter((a) => a.end > a.start && a.start >= 0 && a.end <= doc.text.length);
}

/** The text of [start, end) cut where any annotation starts or ends, each piece with the annotations over it. */
function pieces(text: string, start: number, end: number, all: Annotation[]): Array<{ text: string; over: Annotation[] }> {
  const inside = all.filter((a) => a.start < end && a.end > start);
  const cuts = new Set([start, end]);
  for (const a of inside) {
    if (a.start > start) cuts.add(a.start);
    if (a.end < end) cuts.add(a.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const result = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i]!;
    const to = sorted[i + 1]!;
    result.push({ text: text.slice(from, to), over: inside.filter((a) => a.start <= from && a.end >= to) });
  }
  return result;
}

function Piece({ piece }: { piece: { text: string; over: Annotation[] } }) {
  if (piece.over.length === 0) return <>{piece.text}</>;
  return <mark class={piece.over.map((a) => a.kind).join(' ')} title={piece.over.map((a) => a.label).join('; ')}>{piece.text}</mark>;
}

function summary(e: CodedEvent): string {
  return `${e.plover}: ${e.actors.map((a) => a.text).join(' + ') || '?'}${e.recipients.length ? ` → ${e.recipients.map((r) => r.text).join(' + ')}` : ''}`;
}

export function ArticleView({ state }: { state: AppState }) {
  const [reload, setReload] = useState(0);
  const loaded = useJson<Doc>(state.doc ? `/api/documents/${encodeURIComponent(state.doc)}` : undefined, {}, reload);
  const [selected, setSelected] = useState<number | undefined>();
  const doc = loaded.data;
  const events = doc?.layers.events ?? [];
  useEffect(() => {
    const wanted = events.find((e) => e.id === state.event);
    const sentence = wanted?.evidence.sentences[0]?.index;
    if (sentence === undefined) return;
    setSelected(sentence);
    document.getElementById(`sentence-${sentence}`)?.focus();
  }, [doc?.id, state.event]);
  if (!state.doc) return <p>Open an article from a story's sources or mentions.</p>;
  if (loaded.error) return <p role="alert">{loaded.error}</p>;
  if (!doc) return <p>Loading…</p>;
  const all = annotations(doc);
  const sentences = doc.layers.sentences?.length ? doc.layers.sentences : [{ start: 0, end: doc.text.length, index: 0 }];
  const codedFrom = (index: number) => events.filter((e) => e.evidence.sentences.some((s) => s.index === index));
  const stored = (e: CodedEvent): StoredEvent => ({ id: `${doc.id}:${e.id}`, docId: doc.id, event: e });
  const show = (index: number) => {
    setSelected(index);
    document.getElementById(`sentence-${index}`)?.focus();
  };
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  for (const s of sentences) {
    if (s.start > at) parts.push(doc.text.slice(at, s.start));
    const coded = codedFrom(s.index).length > 0;
    const content = pieces(doc.text, s.start, s.end, all).map((p, i) => <Piece key={i} piece={p} />);
    parts.push(coded
      ? <span key={s.index} id={`sentence-${s.index}`} class={`sentence coded${selected === s.index ? ' selected' : ''}`} role="button" tabindex={0}
        aria-pressed={selected === s.index} aria-describedby="coded-hint"
        onClick={() => setSelected(s.index)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setSelected(s.index))}>{content}</span>
      : <span key={s.index} id={`sentence-${s.index}`} class="sentence" tabindex={-1}>{content}</span>);
    at = s.end;
  }
  if (at < doc.text.length) parts.push(doc.text.slice(at));
  const href = safeHref(doc.source.url);
  const selectedEvents = selected === undefined ? [] : codedFrom(selected);
  return (
    <section aria-labelledby="article-title" class="article">
      <h2 id="article-title">{doc.source.title ?? 'Untitled document'}</h2>
      <p class="meta">{doc.source.published ?? 'no date'}{doc.source.url && <> · {href ? <a href={href} rel="noopener noreferrer nofollow" target="_blank">{doc.source.url}</a> : <span class="unsafe-url">{doc.source.url}</span>}</>}</p>
      <ul class="legend" aria-label="Highlights">
        <li><mark class="entity">entity</mark></li><li><mark class="quote">quote</mark></li><li><mark class="date">date</mark></li>
        <li><mark class="figure">figure</mark></li><li><mark class="trigger">event word</mark></li><li><span class="sentence coded">coded sentence</span></li>
      </ul>
      <p id="coded-hint" class="hint">Underlined sentences had events coded from them: choose one to see what.</p>
      <div class="columns">
        <div class="text" aria-label="Article text">{parts}</div>
        <aside aria-label="Coded events">
          <div role="region" aria-live="polite" aria-label="Coded from the selected sentence" class="coded-panel">
            {selected === undefined ? <p>Choose a highlighted sentence to see what was coded from it.</p> : <>
              <h3>Coded from sentence {selected + 1}</h3>
              {selectedEvents.map((e) => <div key={e.id} class="coded-event"><p>{summary(e)}{e.location ? ` in ${e.location.name}` : ''}{e.date ? ` on ${e.date.value}` : ''}</p>
                <ReviewControls stored={stored(e)} onChange={() => setReload(reload + 1)} /></div>)}
            </>}
          </div>
          <h3>Events</h3>
          <ol class="events">
            {events.map((e) => <li key={e.id} class={e.review ? `reviewed ${e.review.verdict}` : ''}>
              {summary(e)}{e.review ? ` [${e.review.verdict}]` : ''}{' '}
              {e.evidence.sentences[0] && <button type="button" onClick={() => show(e.evidence.sentences[0]!.index)}>Show evidence</button>}
            </li>)}
          </ol>
          <h3>Quotes</h3>
          <ul>{(doc.layers.quotes ?? []).map((q) => <li key={q.id}>“{q.text}” — {q.speaker?.text ?? 'speaker unknown'}</li>)}</ul>
        </aside>
      </div>
    </section>
  );
}
