import { PLOVER_QUAD, type Story } from './api';
import { navigate, type AppState } from './state';

const SIZE = 560;
const MAX_NODES = 40;

interface Edge { from: string; to: string; stories: number; conflict: number }

/** Who acts on whom: an edge per actor–recipient pair, as wide as its stories, red for conflict, green for cooperation. */
export function NetworkView({ state, stories }: { state: AppState; stories: Story[] }) {
  const names = new Map<string, string>();
  const weight = new Map<string, number>();
  const edges = new Map<string, Edge>();
  for (const story of stories) {
    const conflict = (PLOVER_QUAD[story.plover] ?? 4) >= 3 ? 1 : 0;
    for (const p of [...story.actors, ...story.recipients]) {
      names.set(p.key, names.get(p.key) ?? p.name);
      weight.set(p.key, (weight.get(p.key) ?? 0) + 1);
    }
    for (const a of story.actors) {
      for (const r of story.recipients) {
        if (a.key === r.key) continue;
        const key = `${a.key}\u0000${r.key}`;
        const edge = edges.get(key) ?? { from: a.key, to: r.key, stories: 0, conflict: 0 };
        edge.stories += 1;
        edge.conflict += conflict;
        edges.set(key, edge);
      }
    }
  }
  const nodes = [...weight.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_NODES).map(([key]) => key);
  const at = new Map(nodes.map((key, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
    return [key, { x: SIZE / 2 + Math.cos(angle) * (SIZE / 2 - 90), y: SIZE / 2 + Math.sin(angle) * (SIZE / 2 - 60) }];
  }));
  const shown = [...edges.values()].filter((e) => at.has(e.from) && at.has(e.to));
  const focus = (key: string) => navigate({ ...state, view: 'timeline', filters: { ...state.filters, actor: key } });
  return (
    <section aria-labelledby="network-title">
      <h2 id="network-title">Actor network</h2>
      <p class="hint">Edge width: stories; red: conflict, green: cooperation. Choose an actor to filter by it.</p>
      <svg class="network" viewBox={`0 0 ${SIZE} ${SIZE}`} role="group" aria-label="Actor network">
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead" /></marker></defs>
        {shown.map((edge) => {
          const a = at.get(edge.from)!;
          const b = at.get(edge.to)!;
          const kind = edge.conflict * 2 >= edge.stories ? 'conflict' : 'cooperation';
          return <line key={`${edge.from}-${edge.to}`} class={`edge ${kind}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke-width={1 + edge.stories * 1.5} marker-end="url(#arrow)">
            <title>{`${names.get(edge.from)} → ${names.get(edge.to)}: ${edge.stories} ${edge.stories === 1 ? 'story' : 'stories'} (${kind})`}</title>
          </line>;
        })}
        {nodes.map((key) => {
          const p = at.get(key)!;
          const name = names.get(key) ?? key;
          const label = name.length > 28 ? `${name.slice(0, 27)}…` : name;
          return (
            <g key={key} class="node" role="button" tabindex={0} aria-label={`${label}: ${weight.get(key)} stories; filter by it`}
              onClick={() => focus(key)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), focus(key))}>
              <circle cx={p.x} cy={p.y} r={6 + Math.sqrt(weight.get(key) ?? 1) * 2} />
              <text x={p.x} y={p.y - 12} text-anchor="middle">{label}</text>
            </g>
          );
        })}
      </svg>
      <table class="edges">
        <caption>Pairs</caption>
        <thead><tr><th scope="col">Actor</th><th scope="col">Recipient</th><th scope="col">Stories</th><th scope="col">Conflict</th></tr></thead>
        <tbody>{shown.map((e) => <tr key={`${e.from}-${e.to}`}><td>{names.get(e.from)}</td><td>{names.get(e.to)}</td><td>{e.stories}</td><td>{e.conflict}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
