/** GetMetricWidgetImage: the widget's metrics drawn as a PNG (models/widget/). */
import { clock } from '../../../src/core/clock';
import { invalidParameterValue } from '../exceptions';
import { drawChart, parseWidget } from '../models/widget/chart';
import type * as T from '../types';
import type { Ctx } from './common';

export function getMetricWidgetImage(input: T.GetMetricWidgetImageInput, ctx: Ctx) {
  // "Only PNG images are supported. The default is png."
  const format = input.OutputFormat ?? 'png';
  if (format !== 'png' && format !== 'image/png') throw invalidParameterValue(`The parameter OutputFormat must be png; ${format} is not supported.`);
  const widget = parseWidget(input.MetricWidget, clock.now());
  const series = widget.metrics.map((m) =>
    ctx.backend.statSeries({ Namespace: m.namespace, MetricName: m.name, Dimensions: m.dimensions }, m.stat, m.period, widget.start, widget.end),
  );
  return { MetricWidgetImage: new Uint8Array(drawChart(widget, series)) };
}
