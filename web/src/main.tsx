import { render } from 'preact';
import { ArticleView } from './article';
import { useStories } from './data';
import { FilterBar } from './filters';
import { MapView } from './map';
import { NetworkView } from './network';
import { Credentials } from './review';
import { StoryView } from './story';
import { Timeline } from './timeline';
import { navigate, useAppState, type AppState, type View } from './state';
import './styles.css';

const TABS: Array<{ view: View; label: string }> = [
  { view: 'timeline', label: 'Timeline' }, { view: 'map', label: 'Map' }, { view: 'network', label: 'Network' },
  { view: 'story', label: 'Story' }, { view: 'article', label: 'Article' },
];

function Overview({ state }: { state: AppState }) {
  const stories = useStories(state.filters);
  if (stories.error) return <p role="alert">{stories.error}</p>;
  if (!stories.data) return <p>Loading…</p>;
  if (state.view === 'map') return <MapView state={state} stories={stories.data} />;
  if (state.view === 'network') return <NetworkView state={state} stories={stories.data} />;
  return <Timeline state={state} stories={stories.data} />;
}

function App() {
  const state = useAppState();
  return (
    <>
      <header>
        <h1>Dyad</h1>
        <nav aria-label="Views">
          <ul>
            {TABS.map((tab) => (
              <li key={tab.view}>
                <a href={`?view=${tab.view}`} aria-current={state.view === tab.view ? 'page' : undefined} onClick={(e) => {
                  e.preventDefault();
                  navigate({ ...state, view: tab.view });
                }}>{tab.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <Credentials />
      </header>
      <FilterBar state={state} />
      <main id="main" data-view={state.view}>
        {state.view === 'story' ? <StoryView state={state} /> : state.view === 'article' ? <ArticleView state={state} /> : <Overview state={state} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
