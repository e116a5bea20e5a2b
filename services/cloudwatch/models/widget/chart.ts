/**
 * GetMetricWidgetImage: reads a MetricWidget JSON (metrics arrays with the
 * `"..."` shorthand and a trailing options object, stat, period, start, end,
 * width, height, yAxis min/max, horizontal annotations) and draws a line
 * chart of the metrics' datapoints: one coloured line per metric on a white
 * plot with axes. Text (titles, legends, labels) is not drawn.
 */
import { invalidParameterValue } from '../../exceptions';
import type { Series } from '../math';
import { Canvas, type Rgb } from './png';

/** The widget structure's defaults: 600 × 395 pixels, the last three hours, 300 s periods, Average. */
export const DEFAULT_WIDTH = 600;
export const DEFAULT_HEIGHT = 395;
const MAX_SIDE = 2000;
const MAX_METRICS = 100;

/** CloudWatch's graph palette order (blue, orange, green, red, purple, ...). */
const PALETTE: Rgb[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

export interface WidgetMetric {
  namespace: string;
  name: string;
  dimensions: Array<{ Name: string; Value: string }>;
  stat: string;
  period: number;
  color?: Rgb;
}

export interface Widget {
  metrics: WidgetMetric[];
  start: number;
  end: number;
  width: number;
  height: number;
  yMin?: number;
  yMax?: number;
  horizontal: number[];
}

const bad = (why: string) => invalidParameterValue(`The parameter MetricWidget is invalid: ${why}`);

/** A time: ISO 8601 absolute, or relative to now as a negative duration (-PT3H, -P1D). */
function time(value: unknown, now: number, member: string): number {
  if (typeof value !== 'string') throw bad(`${member} must be a string.`);
  const rel = /^-P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (rel && value !== '-P') {
    const [w, d, h, m, s] = rel.slice(1).map((v) => Number(v ?? 0));
    return now - ((((w * 7 + d) * 24 + h) * 60 + m) * 60 + s) * 1000;
  }
  const abs = Date.parse(value);
  if (Number.isNaN(abs)) throw bad(`${member} "${value}" is neither an ISO 8601 time nor a relative duration.`);
  return abs;
}

function side(value: unknown, fallback: number, member: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SIDE) {
    throw bad(`${member} must be an integer between 1 and ${MAX_SIDE}.`);
  }
  return value;
}

function hex(color: unknown): Rgb | undefined {
  const m = typeof color === 'string' ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color) : null;
  return m ? [Number.parseInt(m[1], 16), Number.parseInt(m[2], 16), Number.parseInt(m[3], 16)] : undefined;
}

export function parseWidget(text: string, now: number): Widget {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad('it is not valid JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('it must be a JSON object.');
  const rows = json.metrics;
  if (!Array.isArray(rows) || rows.length === 0) throw bad('"metrics" must be an array of 1 to 100 metric arrays.');
  if (rows.length > MAX_METRICS) throw bad(`"metrics" can include at most ${MAX_METRICS} metrics.`);
  const stat = typeof json.stat === 'string' ? json.stat : 'Average';
  const period = typeof json.period === 'number' ? json.period : 300;
  const metrics: WidgetMetric[] = [];
  let previous: unknown[] = [];
  for (const [i, row] of rows.entries()) {
    if (!Array.isArray(row)) throw bad(`metrics[${i}] must be an array.`);
    const last = row[row.length - 1];
    const options = typeof last === 'object' && last !== null && !Array.isArray(last) ? (last as Record<string, unknown>) : {};
    const values = row.slice(0, options === last ? -1 : undefined);
    if (options.expression !== undefined) throw bad('metric math expressions are not supported in widget images by this emulation.');
    // "..." repeats the previous metric's entries in the positions it stands for.
    const parts = values.flatMap((v, k) => (v === '...' ? previous.slice(k, previous.length - (values.length - k - 1)) : [v]));
    if (parts.length < 2 || parts.length % 2 !== 0 || parts.some((p) => typeof p !== 'string')) {
      throw bad(`metrics[${i}] must be [Namespace, MetricName, DimensionName, DimensionValue, ...].`);
    }
    previous = parts;
    const dims: Array<{ Name: string; Value: string }> = [];
    for (let k = 2; k < parts.length; k += 2) dims.push({ Name: parts[k] as string, Value: parts[k + 1] as string });
    metrics.push({
      namespace: parts[0] as string,
      name: parts[1] as string,
      dimensions: dims,
      stat: typeof options.stat === 'string' ? options.stat : stat,
      period: typeof options.period === 'number' ? options.period : period,
      color: hex(options.color),
    });
  }
  const start = json.start === undefined ? now - 3 * 3600_000 : time(json.start, now, 'start');
  const end = json.end === undefined ? now : time(json.end, now, 'end');
  if (start >= end) throw bad('start must be before end.');
  const yAxis = (json.yAxis as { left?: { min?: unknown; max?: unknown } } | undefined)?.left;
  const annotations = (json.annotations as { horizontal?: Array<{ value?: unknown }> } | undefined)?.horizontal ?? [];
  return {
    metrics,
    start,
    end,
    width: side(json.width, DEFAULT_WIDTH, 'width'),
    height: side(json.height, DEFAULT_HEIGHT, 'height'),
    yMin: typeof yAxis?.min === 'number' ? yAxis.min : undefined,
    yMax: typeof yAxis?.max === 'number' ? yAxis.max : undefined,
    horizontal: annotations.map((a) => a.value).filter((v): v is number => typeof v === 'number'),
  };
}

/** Draws the widget's series (one per metric, in its order) as a PNG. */
export function drawChart(widget: Widget, series: Series[]): Buffer {
  const { width, height } = widget;
  const canvas = new Canvas(width, height);
  // Margins for the axes, kept inside tiny images.
  const left = Math.min(40, Math.floor(width / 8));
  const bottom = Math.min(30, Math.floor(height / 8));
  const top = Math.min(10, Math.floor(height / 20));
  const right = Math.min(10, Math.floor(width / 20));
  const plotW = Math.max(1, width - left - right);
  const plotH = Math.max(1, height - top - bottom);
  const values = series.flatMap((s) => [...s.values()]).concat(widget.horizontal);
  let lo = widget.yMin ?? (values.length ? Math.min(0, ...values) : 0);
  let hi = widget.yMax ?? (values.length ? Math.max(...values) : 1);
  if (hi <= lo) hi = lo + 1;
  if (widget.yMin === undefined && lo > 0) lo = 0;
  const x = (t: number) => left + ((t - widget.start) / (widget.end - widget.start)) * (plotW - 1);
  const y = (v: number) => top + (1 - (v - lo) / (hi - lo)) * (plotH - 1);
  const grid: Rgb = [230, 230, 230];
  for (let k = 1; k < 4; k++) canvas.line(left, top + (k * plotH) / 4, left + plotW - 1, top + (k * plotH) / 4, grid);
  const axis: Rgb = [120, 120, 120];
  canvas.line(left, top, left, top + plotH - 1, axis);
  canvas.line(left, top + plotH - 1, left + plotW - 1, top + plotH - 1, axis);
  for (const v of widget.horizontal) canvas.line(left, y(v), left + plotW - 1, y(v), [214, 39, 40]);
  series.forEach((s, i) => {
    const color = widget.metrics[i].color ?? PALETTE[i % PALETTE.length];
    const points = [...s.entries()].filter(([t]) => t >= widget.start && t < widget.end).sort(([a], [b]) => a - b);
    if (points.length === 1) canvas.rect(x(points[0][0]) - 1, y(points[0][1]) - 1, 3, 3, color);
    for (let k = 1; k < points.length; k++) {
      canvas.line(x(points[k - 1][0]), y(points[k - 1][1]), x(points[k][0]), y(points[k][1]), color, 2);
    }
  });
  return canvas.png();
}
