/** Agreement by pair of annotators, for choice questions and drawn regions alike: one bar per pair, then their table. */
import { Chart } from '../charts/Chart.tsx';
import { type FigureColumn, FiguresTable } from './FiguresTable.tsx';
import { fixed, pairBarsOption, pairName } from './quality-charts.ts';

interface Props<T> {
  pairs: readonly T[];
  /** What the bars show (`Cohen κ`, `F1`) and how to read it off a pair. */
  series: string;
  value(pair: T): number | null;
  columns: readonly FigureColumn<T>[];
  /** Said when no pair shares enough items. */
  empty: string;
}

export function PairFigures<T extends { workerA: string; workerB: string }>({ pairs, series, value, columns, empty }: Props<T>) {
  if (pairs.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
      <Chart
        label={`${series} by pair: ${pairs.map((p) => `${pairName(p)} ${fixed(value(p))}`).join(', ')}`}
        option={pairBarsOption(pairs.map((p) => ({ name: pairName(p), value: value(p) })), series)}
        height={Math.max(140, pairs.length * 30 + 40)}
      />
      <FiguresTable head="Pair" rows={pairs} name={pairName} columns={columns} />
    </>
  );
}
