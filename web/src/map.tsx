import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { PLOVER_QUAD, type Story } from './api';
import { storyTitle } from './story-list';
import { navigate, type AppState } from './state';

const WIDTH = 960;
const HEIGHT = 500;
/** Points closer than this many pixels are drawn as one cluster. */
const CLUSTER_PX = 24;

const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
const land = feature(topology, topology.objects.countries);
const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], land);
const path = geoPath(projection);
const countryPaths = land.features.map((f, i) => ({ key: String(f.id ?? i), d: path(f) ?? '' }));

interface Cluster { x: number; y: number; stories: Story[]; killed: number }

/** Stories with a place, grouped by a pixel grid so dense areas become one marked cluster. */
function clusters(stories: Story[]): Cluster[] {
  const cells = new Map<string, Cluster>();
  for (const story of stories) {
    const place = story.place;
    if (place?.lat === undefined || place.lon === undefined) continue;
    const point = projection([place.lon, place.lat]);
    if (!point) continue;
    const key = `${Math.floor(point[0] / CLUSTER_PX)}:${Math.floor(point[1] / CLUSTER_PX)}`;
    const cell = cells.get(key) ?? { x: 0, y: 0, stories: [], killed: 0 };
    cell.stories.push(story);
    cell.x += point[0];
    cell.y += point[1];
    cell.killed += story.casualties.killed?.best ?? 0;
    cells.set(key, cell);
  }
  return [...cells.values()].map((c) => ({ ...c, x: c.x / c.stories.length, y: c.y / c.stories.length }));
}

export function MapView({ state, stories }: { state: AppState; stories: Story[] }) {
  const groups = clusters(stories);
  const placed = groups.reduce((n, g) => n + g.stories.length, 0);
  const open = (cluster: Cluster) => {
    if (cluster.stories.length === 1) navigate({ ...state, view: 'story', story: cluster.stories[0]!.id });
    else {
      const place = cluster.stories[0]!.place!;
      navigate({ ...state, view: 'timeline', filters: { ...state.filters, ...(place.country ? { country: place.country } : {}) } });
    }
  };
  return (
    <section aria-labelledby="map-title">
      <h2 id="map-title">Map</h2>
      <p class="hint">{placed} of {stories.length} stories have a place. Size: people killed (best estimate); a number marks a cluster. Basemap: Natural Earth via world-atlas, bundled.</p>
      <svg class="map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label="Map of stories">
        <g class="land" aria-hidden="true">{countryPaths.map((c) => <path key={c.key} d={c.d} />)}</g>
        {groups.map((cluster, i) => {
          const r = 5 + Math.sqrt(cluster.killed) * 2 + (cluster.stories.length > 1 ? 4 : 0);
          const quad = Math.max(...cluster.stories.map((s) => PLOVER_QUAD[s.plover] ?? 4));
          const label = cluster.stories.length === 1 ? storyTitle(cluster.stories[0]!) : `${cluster.stories.length} stories near ${cluster.stories[0]!.place!.name}`;
          return (
            <g key={i} class={`point quad${quad}`} role="button" tabindex={0} aria-label={label}
              onClick={() => open(cluster)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open(cluster))}>
              <circle cx={cluster.x} cy={cluster.y} r={r}><title>{label}</title></circle>
              {cluster.stories.length > 1 && <text x={cluster.x} y={cluster.y + 4} text-anchor="middle">{cluster.stories.length}</text>}
            </g>
          );
        })}
      </svg>
    </section>
  );
}
