import { crc32, inflateSync } from 'node:zlib';
import { CloudWatchClient, GetMetricWidgetImageCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { createRequest } from '../../../src/core/request';
import { useMockAws } from '../lifecycle';
import { T0, freezeTime } from './support';

/** Decodes an 8-bit RGB PNG (filter 0 rows, as the emulation writes them): size and pixels; checks the signature and every chunk's CRC. */
function decodePng(png: Uint8Array) {
  const buf = Buffer.from(png);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  const chunks: Array<{ type: string; data: Buffer }> = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    chunks.push({ type: buf.toString('latin1', offset + 4, offset + 8), data: buf.subarray(offset + 8, offset + 8 + length) });
    expect(buf.readUInt32BE(offset + 8 + length)).toBe(crc32(buf.subarray(offset + 4, offset + 8 + length)));
    offset += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect([ihdr[8], ihdr[9]]).toEqual([8, 2]);
  const raw = inflateSync(chunks[1].data);
  expect(raw.length).toBe((width * 3 + 1) * height);
  const pixel = (x: number, y: number) => {
    const at = y * (width * 3 + 1) + 1 + x * 3;
    return [raw[at], raw[at + 1], raw[at + 2]];
  };
  const count = (rgb: number[]) => {
    let n = 0;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (pixel(x, y).every((v, i) => v === rgb[i])) n++;
    return n;
  };
  return { width, height, pixel, count };
}

const BLUE = [31, 119, 180];
const ORANGE = [255, 127, 14];

describe('CloudWatch GetMetricWidgetImage', () => {
  const aws = useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });

  async function putSeries(name: string, values: number[]) {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'Shop',
        MetricData: values.map((Value, i) => ({ MetricName: name, Value, Timestamp: new Date(T0 - (values.length - i) * 300_000) })),
      }),
    );
  }

  it('draws the widget\'s metrics as a 600 × 395 PNG by default, one palette colour per metric', async () => {
    freezeTime(T0);
    await putSeries('Orders', [1, 5, 3, 8, 2, 6]);
    await putSeries('Refunds', [0, 1, 0, 2, 1, 0]);
    const { MetricWidgetImage } = await cw.send(
      new GetMetricWidgetImageCommand({ MetricWidget: JSON.stringify({ metrics: [['Shop', 'Orders'], ['Shop', 'Refunds']], stat: 'Sum' }) }),
    );
    const png = decodePng(MetricWidgetImage as Uint8Array);
    expect([png.width, png.height]).toEqual([600, 395]);
    expect(png.pixel(599, 0)).toEqual([255, 255, 255]);
    expect(png.count(BLUE)).toBeGreaterThan(50);
    expect(png.count(ORANGE)).toBeGreaterThan(50);
  });

  it('takes the width and height, a custom colour, and draws nothing for a metric without data', async () => {
    freezeTime(T0);
    await putSeries('Latency', [10, 20, 15]);
    const widget = { width: 200, height: 120, start: '-PT1H', metrics: [['Shop', 'Latency', { color: '#ff0000' }], ['Shop', 'Missing']] };
    const { MetricWidgetImage } = await cw.send(new GetMetricWidgetImageCommand({ MetricWidget: JSON.stringify(widget), OutputFormat: 'png' }));
    const png = decodePng(MetricWidgetImage as Uint8Array);
    expect([png.width, png.height]).toEqual([200, 120]);
    expect(png.count([255, 0, 0])).toBeGreaterThan(10);
    expect(png.count(ORANGE)).toBe(0);
  });

  it('an empty range draws only the axes', async () => {
    freezeTime(T0);
    const { MetricWidgetImage } = await cw.send(new GetMetricWidgetImageCommand({ MetricWidget: JSON.stringify({ metrics: [['Shop', 'Nothing']] }) }));
    const png = decodePng(MetricWidgetImage as Uint8Array);
    expect(png.count(BLUE)).toBe(0);
    expect(png.count([120, 120, 120])).toBeGreaterThan(100);
  });

  it('refuses a widget that is not JSON, has no metrics, or a size out of 1..2000', async () => {
    for (const MetricWidget of ['{nope', '{}', JSON.stringify({ metrics: [['Shop', 'A']], width: 0 }), JSON.stringify({ metrics: [['Shop', 'A']], height: 2001 }), JSON.stringify({ metrics: [['Shop']] })]) {
      await expect(cw.send(new GetMetricWidgetImageCommand({ MetricWidget }))).rejects.toMatchObject({
        name: 'InvalidParameterValueException',
        $metadata: { httpStatusCode: 400 },
      });
    }
  });

  it('over the query protocol the image is base64 in MetricWidgetImage, as the API reference shows', async () => {
    const res = await aws.dispatcher.dispatch(
      createRequest({
        method: 'POST',
        url: 'https://monitoring.us-east-1.amazonaws.com/',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({ Action: 'GetMetricWidgetImage', Version: '2010-08-01', MetricWidget: JSON.stringify({ metrics: [['Shop', 'X']], width: 600, height: 400 }) }).toString(),
      }),
    );
    expect(res.status).toBe(200);
    const xml = (res.body as Buffer).toString('utf8');
    const image = /<MetricWidgetImage>([^<]+)<\/MetricWidgetImage>/.exec(xml)?.[1] as string;
    // 600 × 400: the reference's own example begins iVBORw0KGgoAAAANSUhEUgAAAlgAAAGQ.
    expect(image.startsWith('iVBORw0KGgoAAAANSUhEUgAAAlgAAAGQ')).toBe(true);
    expect(decodePng(Buffer.from(image, 'base64'))).toMatchObject({ width: 600, height: 400 });
  });
});
