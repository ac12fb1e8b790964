/**
 * Error bars for ECharts: a custom series that draws, for each category, a vertical line from the
 * low to the high end of an interval with short caps. ECharts has no built-in error bar.
 */

/** One bar: category index (or name), low and high end. */
export type Interval = [category: number | string, low: number, high: number];

interface RenderApi {
  value(dimension: number): number;
  coord(point: [number | string, number]): [number, number];
  size(range: [number, number]): [number, number];
  style(extra?: Record<string, unknown>): Record<string, unknown>;
}

interface RenderParams {
  /** The index of the series among those of the grid (to shift the bars of grouped series). */
  seriesIndex: number;
}

/** A custom series drawing `intervals`, shifted by `offset` (a fraction of the category width) for grouped bars. */
export function errorBarSeries(name: string, intervals: Interval[], color = '#1d2430', offset = 0) {
  return {
    type: 'custom',
    name,
    data: intervals,
    z: 10,
    tooltip: { show: false },
    encode: { x: 0, y: [1, 2] },
    renderItem: (_params: RenderParams, api: RenderApi) => {
      const category = api.value(0);
      const lowPoint = api.coord([category, api.value(1)]);
      const highPoint = api.coord([category, api.value(2)]);
      const band = api.size([1, 0])[0];
      const x = lowPoint[0] + offset * band;
      const cap = Math.max(3, band * 0.08);
      const style = { stroke: color, lineWidth: 1.5 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: x, y1: highPoint[1], x2: x, y2: lowPoint[1] }, style },
          { type: 'line', shape: { x1: x - cap, y1: highPoint[1], x2: x + cap, y2: highPoint[1] }, style },
          { type: 'line', shape: { x1: x - cap, y1: lowPoint[1], x2: x + cap, y2: lowPoint[1] }, style },
        ],
      };
    },
  };
}
