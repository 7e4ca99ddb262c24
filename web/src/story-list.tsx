import type { Story } from './api';
import { navigate, type AppState } from './state';

export function storyTitle(story: Story): string {
  const who = [...new Set([...story.actors, ...story.recipients].map((p) => p.name))].slice(0, 3).join(', ');
  return `${story.plover}${story.place ? ` in ${story.place.name}` : ''}${who ? ` — ${who}` : ''}`;
}

export function StoryLink({ state, story }: { state: AppState; story: Story }) {
  const target = { ...state, view: 'story' as const, story: story.id };
  const href = `?view=story&story=${encodeURIComponent(story.id)}`;
  return <a href={href} onClick={(event) => {
    event.preventDefault();
    navigate(target);
  }}>{storyTitle(story)}</a>;
}

/** The stories a view shows, as a table (the accessible twin of every chart). */
export function StoryList({ state, stories }: { state: AppState; stories: Story[] }) {
  return (
    <table class="stories">
      <caption>{stories.length} stories</caption>
      <thead><tr><th scope="col">Date</th><th scope="col">Story</th><th scope="col">Country</th><th scope="col">Sources</th><th scope="col">Killed (low–high)</th></tr></thead>
      <tbody>
        {stories.map((story) => (
          <tr key={story.id}>
            <td>{story.date?.value ?? '—'}</td>
            <td><StoryLink state={state} story={story} /></td>
            <td>{story.country ?? ''}</td>
            <td>{story.sources}</td>
            <td>{story.casualties.killed ? `${story.casualties.killed.best} (${story.casualties.killed.low}–${story.casualties.killed.high})` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
