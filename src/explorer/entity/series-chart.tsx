// A metric over time: one line per unit and qualifiers (other products or directions are other
// lines, never rival values), points at the middle of their periods; the points also as a table.
import { useEffect, useRef, useState } from 'preact/hooks';
// uPlot's code arrives in its own chunk when a chart is first drawn; its CSS is in app.css (main.tsx).
import type uPlot from 'uplot';
import { ErrorAlert, TableScroll, words } from '../components.tsx';
import { describeFigure, unitWords } from '../format.ts';
import { useDrawing } from '../use-drawing.ts';
import { useQuery } from '../use-query.ts';
import { SeriesQuery, type Figure, type SeriesPoint } from './queries.ts';

const LINE_COLOURS = ['#0b5cad', '#c4421a', '#2f8a3e', '#8a3ea8', '#b08800', '#0f7b7b'];
const DAY_SECONDS = 86_400;

/**
 * Metrics with a line worth drawing: two figures or more on resolved periods with the same unit and
 * qualifiers (figures about other products or directions are other lines, not more points).
 */
export function chartableMetrics(figures: readonly Figure[]): string[] {
  const counts = new Map<string, number>();
  for (const figure of figures) {
    if (figure.value == null || !figure.period.resolved) continue;
    const { product, direction, mode } = figure.qualifiers;
    const line = JSON.stringify([figure.metric, figure.unit, product, direction, mode]);
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const metrics = [...counts.entries()].filter(([, count]) => count >= 2).map(([line]) => (JSON.parse(line) as string[])[0]!);
  return [...new Set(metrics)].sort();
}

interface Line {
  label: string;
  points: Array<{ x: number; value: number; point: SeriesPoint }>;
}

function lineLabel(point: SeriesPoint): string {
  const { product, direction, mode } = point.qualifiers;
  const qualifiers = [product, direction && words(direction), mode && words(mode)].filter(Boolean).join(', ');
  return `${unitWords(point.unit)}${qualifiers ? ` (${qualifiers})` : ''}`;
}

function midpointSeconds(start: string, end: string): number {
  const from = Date.parse(`${start}T00:00:00Z`) / 1000;
  const to = Date.parse(`${end}T00:00:00Z`) / 1000 + DAY_SECONDS;
  return Math.round((from + to) / 2);
}

function linesOf(points: readonly SeriesPoint[]): Line[] {
  const lines = new Map<string, Line>();
  for (const point of points) {
    if (point.value == null || !point.start || !point.end) continue;
    const label = lineLabel(point);
    const line = lines.get(label) ?? { label, points: [] };
    line.points.push({ x: midpointSeconds(point.start, point.end), value: point.value, point });
    lines.set(label, line);
  }
  return [...lines.values()];
}

/** uPlot wants one shared x axis: every line gets a value or null at each x. */
function alignedData(lines: readonly Line[]): uPlot.AlignedData {
  const xs = [...new Set(lines.flatMap((line) => line.points.map((p) => p.x)))].sort((a, b) => a - b);
  const ys = lines.map((line) => {
    const byX = new Map(line.points.map((p) => [p.x, p.value]));
    return xs.map((x) => byX.get(x) ?? null);
  });
  return [xs, ...ys];
}

function Chart({ lines, title }: { lines: readonly Line[]; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const failed = useDrawing(
    box,
    () => import('uplot'),
    ({ default: UPlot }, element) => {
      if (lines.length === 0) return () => {};
      const width = () => Math.max(280, element.clientWidth || 600);
      const plot = new UPlot(
        {
          title,
          width: width(),
          height: 260,
          series: [{}, ...lines.map((line, index) => ({ label: line.label, stroke: LINE_COLOURS[index % LINE_COLOURS.length]!, width: 2, spanGaps: true, points: { size: 7 } }))],
          axes: [{}, { size: 70 }],
        },
        alignedData(lines),
        element,
      );
      const resize = () => plot.setSize({ width: width(), height: 260 });
      window.addEventListener('resize', resize);
      return () => {
        window.removeEventListener('resize', resize);
        plot.destroy();
      };
    },
    [lines, title],
  );
  return (
    <>
      <ErrorAlert error={failed ? 'The chart could not be loaded.' : null} />
      <div ref={box} data-testid="series-chart" class="series-chart" role="img" aria-label={`Chart of ${title}`} />
    </>
  );
}

function PointsTable({ lines }: { lines: readonly Line[] }) {
  return (
    <details>
      <summary>Points as a table</summary>
      <TableScroll label="Series points">
        <table>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Period</th>
              <th scope="col">Figure</th>
            </tr>
          </thead>
          <tbody>
            {lines.flatMap((line) =>
              line.points.map(({ point }) => (
                <tr key={`${line.label}-${point.claim.id}`}>
                  <td>{line.label}</td>
                  <td>{point.periodText ?? `${point.start} – ${point.end}`}</td>
                  <td>{describeFigure(point)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}

export function SeriesChart({ entityId, metrics, asOf }: { entityId: string; metrics: readonly string[]; asOf: string | null }) {
  const [metric, setMetric] = useState(metrics[0] ?? '');
  const chosen = metrics.includes(metric) ? metric : (metrics[0] ?? '');
  const { data, error } = useQuery(SeriesQuery, chosen ? { id: entityId, metric: chosen, asOf } : null);
  const node = data?.node;
  const points = node && 'series' in node ? node.series : [];
  const [lines, setLines] = useState<Line[]>([]);
  useEffect(() => setLines(linesOf(points)), [data]);
  if (metrics.length === 0) return null;
  return (
    <section data-testid="series" aria-labelledby="series-heading">
      <h2 id="series-heading">Over time</h2>
      <label>
        Metric{' '}
        <select aria-label="Metric" value={chosen} onChange={(event) => setMetric(event.currentTarget.value)}>
          {metrics.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <ErrorAlert error={error} />
      <Chart lines={lines} title={chosen} />
      {lines.length > 0 && <PointsTable lines={lines} />}
    </section>
  );
}
