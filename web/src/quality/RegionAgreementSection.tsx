/**
 * How much annotators agree on drawn regions of one control: regions matched one-to-one (IoU for
 * boxes and polygons, exact offsets for spans, same label), scored as F1, per pool, pair and label.
 */
import { controlTitle } from '../annotate/draft-problems.ts';
import type { RegionControlQuality } from '../api/quality-types.ts';
import { Chart } from '../charts/Chart.tsx';
import { type FigureColumn, FiguresTable, NoAgreementYet } from './FiguresTable.tsx';
import { PairFigures } from './PairFigures.tsx';
import { fixed, percent, regionByPoolOption } from './quality-charts.ts';

const WHAT: Record<RegionControlQuality['kind'], string> = {
  bbox: 'boxes matched at IoU ≥ 0.5',
  polygon: 'polygons matched at IoU ≥ 0.5',
  span: 'spans matched exactly (span F1)',
};

type Scored = { f1: number | null; meanIoU: number | null };

export function RegionAgreementSection({ control }: { control: RegionControlQuality }) {
  const a = control.agreement;
  const shapes = control.kind !== 'span';
  const pools = a.byPool.filter((p) => p.comparisons > 0);
  // Spans match exactly: an IoU would always be 1.
  const scores = <T extends Scored>(): FigureColumn<T>[] => [
    { title: 'F1', value: (r) => fixed(r.f1) },
    ...(shapes ? [{ title: 'Mean IoU', value: (r: T) => fixed(r.meanIoU) }] : []),
  ];
  return (
    <section className="panel" aria-labelledby={`region-agreement-${control.control}`} data-testid="region-agreement">
      <h2 id={`region-agreement-${control.control}`}>Agreement on {controlTitle(control.control)}</h2>
      {a.project.pairableItems > 0 ? (
        <p>
          Over {a.project.pairableItems} items with two or more answers, {WHAT[control.kind]}: F1 <strong>{fixed(a.project.f1)}</strong>
          {shapes && (
            <>
              , mean IoU of the matched shapes <strong>{fixed(a.project.meanIoU)}</strong>
            </>
          )}
          .
        </p>
      ) : (
        <NoAgreementYet items={a.project.items} />
      )}
      <div className="two-columns">
        <div>
          <h3>By pool</h3>
          {pools.length > 0 && <Chart label={`F1 by pool: ${pools.map((p) => `${p.pool} ${fixed(p.f1)}`).join(', ')}`} option={regionByPoolOption(a.byPool)} height={220} />}
          <FiguresTable
            head="Pool"
            rows={a.byPool}
            name={(p) => p.pool}
            columns={[{ title: 'Items', value: (p) => p.items }, { title: 'With 2+ answers', value: (p) => p.pairableItems }, ...scores<(typeof a.byPool)[number]>()]}
          />
        </div>
        <div>
          <h3>By pair of annotators</h3>
          <PairFigures
            pairs={a.byPair}
            series="F1"
            value={(p) => p.f1}
            columns={[{ title: 'Shared items', value: (p) => p.sharedItems }, ...scores<(typeof a.byPair)[number]>()]}
            empty="No two annotators share five items yet."
          />
          <h3>By label</h3>
          <FiguresTable
            head="Label"
            rows={a.byLabel}
            name={(l) => l.label}
            columns={[
              { title: 'Regions', value: (l) => l.regions },
              { title: 'F1', value: (l) => fixed(l.f1), hint: (l) => (l.f1 === null ? undefined : `${percent(l.f1)} of this label's regions found a partner`) },
            ]}
          />
        </div>
      </div>
    </section>
  );
}
