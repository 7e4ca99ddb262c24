import { useRef, useState } from 'preact/hooks';
import { PLOVER_QUAD, QUAD_NAMES, type Story } from './api';
import { StoryList } from './story-list';
import { navigate, type AppState } from './state';

const WIDTH = 900;
const HEIGHT = 200;
const PAD = { left: 36, right: 12, top: 10, bottom: 28 };
const DAY = 86_400_000;

const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
const isoOf = (day: number) => new Date(Math.round(day) * DAY).toISOString().slice(0, 10);

/** Stories per day stacked by QuadClass; drag across it to set the time range. */
export function Timeline({ state, stories }: { state: AppState; stories: Story[] }) {
  const dated = stories.filter((s) => s.date?.start);
  const [brush, setBrush] = useState<{ from: number; to: number } | undefined>();
  const dragging = useRef<number | undefined>(undefined);
  if (dated.length === 0) return <p>No dated stories match the filters.</p>;
  const days = dated.map((s) => dayOf(s.date!.start));
  const first = Math.min(...days) - 1;
  const last = Math.max(...days) + 1;
  const counts = new Map<number, number[]>();
  for (const story of dated) {
    const day = dayOf(story.date!.start);
    const row = counts.get(day) ?? [0, 0, 0, 0, 0];
    row[PLOVER_QUAD[story.plover] ?? 4]! += 1;
    counts.set(day, row);
  }
  const peak = Math.max(...[...counts.values()].map((row) => row.reduce((a, b) => a + b, 0)));
  const x = (day: number) => PAD.left + ((day - first) / (last - first)) * (WIDTH - PAD.left - PAD.right);
  const dayAt = (px: number) => first + ((px - PAD.left) / (WIDTH - PAD.left - PAD.right)) * (last - first);
  const y = (n: number) => HEIGHT - PAD.bottom - (n / peak) * (HEIGHT - PAD.top - PAD.bottom);
  const barWidth = Math.max(2, (WIDTH - PAD.left - PAD.right) / (last - first) - 2);
  const pointX = (event: PointerEvent) => {
    const svg = event.currentTarget as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    return ((event.clientX - box.left) / box.width) * WIDTH;
  };
  const down = (event: PointerEvent) => {
    dragging.current = pointX(event);
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    setBrush({ from: dragging.current, to: dragging.current });
  };
  const move = (event: PointerEvent) => {
    if (dragging.current !== undefined) setBrush({ from: dragging.current, to: pointX(event) });
  };
  const up = (event: PointerEvent) => {
    if (dragging.current === undefined) return;
    const a = dayAt(Math.min(dragging.current, pointX(event)));
    const b = dayAt(Math.max(dragging.current, pointX(event)));
    dragging.current = undefined;
    setBrush(undefined);
    if (b - a < 0.5) return;
    navigate({ ...state, filters: { ...state.filters, from: isoOf(Math.ceil(a)), to: isoOf(Math.floor(b)) } });
  };
  const ticks = [first + 1, Math.round((first + last) / 2), last - 1];
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <p class="hint">Stories per day by QuadClass. Drag across the chart to set the time range (or use the dates in the filter bar).</p>
      <svg class="timeline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Stories per day from ${isoOf(first + 1)} to ${isoOf(last - 1)}, ${dated.length} stories`}
        onPointerDown={down} onPointerMove={move} onPointerUp={up} data-first={isoOf(first)} data-last={isoOf(last)}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} class="axis" />
        {[...counts.entries()].map(([day, row]) => {
          let base = 0;
          return row.map((n, quad) => {
            if (n === 0) return null;
            const top = y(base + n);
            const bottom = y(base);
            base += n;
            return <rect key={`${day}-${quad}`} class={`quad${quad}`} x={x(day) - barWidth / 2} width={barWidth} y={top} height={bottom - top}>
              <title>{`${isoOf(day)}: ${n} ${QUAD_NAMES[quad]}`}</title>
            </rect>;
          });
        })}
        {ticks.map((day) => <text key={day} x={x(day)} y={HEIGHT - 8} text-anchor="middle" class="tick">{isoOf(day)}</text>)}
        <text x={4} y={PAD.top + 8} class="tick">{peak}</text>
        {brush && <rect class="brush" x={Math.min(brush.from, brush.to)} width={Math.abs(brush.to - brush.from)} y={PAD.top} height={HEIGHT - PAD.top - PAD.bottom} />}
      </svg>
      <ul class="legend" aria-label="Legend">
        {[1, 2, 3, 4].map((quad) => <li key={quad}><span class={`swatch quad${quad}`} aria-hidden="true" /> {QUAD_NAMES[quad]}</li>)}
      </ul>
      <StoryList state={state} stories={stories} />
    </section>
  );
}
