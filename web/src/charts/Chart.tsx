/** A chart with its figures as a table beside it for screen readers and for copying. */
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, type ReactNode, Suspense } from 'react';

const EChart = lazy(() => import('./EChart.tsx'));

interface Props {
  option: EChartsCoreOption;
  /** What the chart shows, in words (its accessible name). */
  label: string;
  height?: number;
  /** The same figures as a table. */
  table?: ReactNode;
}

export function Chart({ option, label, height = 280, table }: Props) {
  return (
    <figure className="chart">
      <Suspense fallback={<div className="chart-canvas" style={{ height }} aria-busy="true" />}>
        <EChart option={option} label={label} height={height} />
      </Suspense>
      {table && (
        <details>
          <summary>The figures as a table</summary>
          {table}
        </details>
      )}
    </figure>
  );
}
