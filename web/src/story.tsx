import { useState } from 'preact/hooks';
import { QUAD_NAMES, safeHref, type Evidence, type Figure, type StoryDetail, type StoredEvent } from './api';
import { useJson } from './data';
import { ReviewControls } from './review';
import { storyTitle } from './story-list';
import { navigate, type AppState } from './state';

function ArticleLink({ state, docId, event, children }: { state: AppState; docId: string; event?: string; children: preact.ComponentChildren }) {
  const target: AppState = { ...state, view: 'article', doc: docId, ...(event ? { event } : {}) };
  return <a href={`?view=article&doc=${encodeURIComponent(docId)}${event ? `&event=${encodeURIComponent(event)}` : ''}`} onClick={(e) => {
    e.preventDefault();
    navigate(target);
  }}>{children}</a>;
}

function Because({ state, evidence }: { state: AppState; evidence: Evidence }) {
  return <blockquote class="evidence">“{evidence.sentence}” <small>({evidence.support} of the mentions agree; <ArticleLink state={state} docId={evidence.docId} event={evidence.mention.slice(evidence.mention.lastIndexOf(':') + 1)}>source</ArticleLink>)</small></blockquote>;
}

function Casualties({ label, figure, sourceName }: { label: string; figure: Figure; sourceName: (docId: string) => string }) {
  return (
    <table class="figures">
      <caption>{label}: low {figure.low}, best {figure.best}, high {figure.high}</caption>
      <thead><tr><th scope="col">Source</th><th scope="col">Reported</th></tr></thead>
      <tbody>{figure.reports.map((r) => <tr key={r.docId}><td>{sourceName(r.docId)}</td><td>{r.max !== undefined && r.max !== r.min ? `${r.min}–${r.max}` : r.min}</td></tr>)}</tbody>
    </table>
  );
}

function Mention({ state, stored, onChange }: { state: AppState; stored: StoredEvent; onChange: () => void }) {
  const e = stored.event;
  return (
    <li class={e.review ? `reviewed ${e.review.verdict}` : ''}>
      <strong>{e.plover}</strong> ({QUAD_NAMES[e.quadClass]}): {e.actors.map((a) => a.text).join(' + ') || '?'}
      {e.recipients.length > 0 && <> → {e.recipients.map((r) => r.text).join(' + ')}</>}
      {e.location && <> in {e.location.name}</>}{e.date && <> on {e.date.value}</>}
      {e.casualties?.killed && <>, {e.casualties.killed.min} killed</>}
      {' '}<ArticleLink state={state} docId={stored.docId} event={e.id}>evidence (“{e.trigger.text}”)</ArticleLink>
      <ReviewControls stored={stored} onChange={onChange} />
    </li>
  );
}

export function StoryView({ state }: { state: AppState }) {
  const [reload, setReload] = useState(0);
  const detail = useJson<StoryDetail>(state.story ? `/api/stories/${encodeURIComponent(state.story)}` : undefined, {}, reload);
  if (!state.story) return <p>Choose a story in the timeline, on the map or in the network.</p>;
  if (detail.error) return <p role="alert">{detail.error}</p>;
  if (!detail.data) return <p>Loading…</p>;
  const { story, mentions, sources } = detail.data;
  const sourceName = (docId: string) => {
    const source = sources.find((s) => s.docId === docId);
    return source?.title ?? source?.url ?? docId.slice(0, 12);
  };
  return (
    <section aria-labelledby="story-title">
      <h2 id="story-title">{storyTitle(story)}</h2>
      <p>{story.mentions} mentions in {story.documents} documents from {story.sources} independent sources; confidence {story.confidence.toFixed(2)}.</p>
      <h3>When</h3>
      {story.date ? <><p>{story.date.value} ({story.date.basis === 'report' ? 'from the publication date' : 'as the text says'})</p><Because state={state} evidence={story.date.evidence} /></> : <p>Undated.</p>}
      <h3>Where</h3>
      {story.place ? <><p>{story.place.name}{story.place.country ? `, ${story.place.country}` : ''}</p><Because state={state} evidence={story.place.evidence} /></> : <p>No place.</p>}
      <h3>Casualties</h3>
      {story.casualties.killed || story.casualties.injured ? <>
        {story.casualties.killed && <Casualties label="Killed" figure={story.casualties.killed} sourceName={sourceName} />}
        {story.casualties.injured && <Casualties label="Injured" figure={story.casualties.injured} sourceName={sourceName} />}
      </> : <p>None reported.</p>}
      <h3>Sources</h3>
      <ul class="sources">
        {sources.map((s) => {
          const href = safeHref(s.url);
          return <li key={s.docId}>
            <ArticleLink state={state} docId={s.docId}>{s.title ?? s.docId}</ArticleLink>
            {s.published && <> · {s.published}</>}
            {s.url && <> · {href ? <a href={href} rel="noopener noreferrer nofollow" target="_blank">{s.url}</a> : <span class="unsafe-url">{s.url}</span>}</>}
          </li>;
        })}
      </ul>
      <h3>Mentions</h3>
      <ul class="mentions">{mentions.map((m) => <Mention key={m.id} state={state} stored={m} onChange={() => setReload(reload + 1)} />)}</ul>
    </section>
  );
}
