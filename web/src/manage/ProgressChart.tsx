/** Annotations and items annotated per day, as a chart (ECharts, only the parts used), with the same figures as a table for screen readers. */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { TimelineDay } from '../api/types.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function ProgressChart({ days }: { days: TimelineDay[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    let cumulative = 0;
    const done = days.map((d) => (cumulative += d.items));
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['Annotations per day', 'Items annotated, total'] },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: [
        { type: 'value', name: 'per day', minInterval: 1 },
        { type: 'value', name: 'total', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: 'Annotations per day', type: 'bar', data: days.map((d) => d.annotations), itemStyle: { color: '#6c8ebf' } },
        { name: 'Items annotated, total', type: 'line', yAxisIndex: 1, data: done, showSymbol: false, lineStyle: { width: 2, color: '#2d6a4f' }, itemStyle: { color: '#2d6a4f' } },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [days]);
  return (
    <figure className="chart">
      <div ref={element} className="chart-canvas" role="img" aria-label={`Annotations per day over the last ${days.length} days`} />
      <details>
        <summary>The figures as a table</summary>
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Annotations</th>
              <th scope="col">Items annotated</th>
            </tr>
          </thead>
          <tbody>
            {days.filter((d) => d.annotations > 0).map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{d.annotations}</td>
                <td>{d.items}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
