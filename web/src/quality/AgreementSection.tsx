/** How much annotators agree on one control: per pool and per pair (tables and bars), and per label. */
import type { ControlQuality } from '../api/quality-types.ts';
import { Chart } from '../charts/Chart.tsx';
import { FiguresTable, NoAgreementYet } from './FiguresTable.tsx';
import { PairFigures } from './PairFigures.tsx';
import { agreementByPoolOption, fixed, percent } from './quality-charts.ts';

type Pool = ControlQuality['agreement']['byPool'][number];
// A pool whose items have one answer each has no figures of its own.
const ifPairable = (p: Pool, figure: string): string => (p.pairableItems > 0 ? figure : '—');

/** `scoped`: the reader sees their own pools' work only, so no pairs with other pools are shown. */
export function AgreementSection({ control, scoped }: { control: ControlQuality; scoped: boolean }) {
  const a = control.agreement;
  const pairable = a.byPool.filter((p) => p.pairableItems > 0);
  return (
    <section className="panel" aria-labelledby={`agreement-${control.control}`}>
      <h2 id={`agreement-${control.control}`}>Agreement</h2>
      {a.project.pairableItems > 0 ? (
        <p>
          Over {a.project.pairableItems} items with two or more answers: agreement <strong>{percent(a.project.percentAgreement)}</strong>, Krippendorff α{' '}
          <strong>{fixed(a.project.krippendorffAlpha)}</strong>, Fleiss κ <strong>{fixed(a.project.fleissKappa)}</strong>.
        </p>
      ) : (
        <NoAgreementYet items={a.project.items} />
      )}
      <div className="two-columns">
        <div>
          <h3>By pool</h3>
          {pairable.length > 0 && <Chart label={`Agreement by pool: ${pairable.map((p) => `${p.pool} ${percent(p.percentAgreement)}`).join(', ')}`} option={agreementByPoolOption(control)} height={220} />}
          <FiguresTable
            head="Pool"
            rows={a.byPool}
            name={(p) => p.pool}
            columns={[
              { title: 'Items', value: (p) => p.items },
              { title: 'With 2+ answers', value: (p) => p.pairableItems },
              { title: 'Agreement', value: (p) => ifPairable(p, percent(p.percentAgreement)) },
              { title: 'α', value: (p) => ifPairable(p, fixed(p.krippendorffAlpha)) },
              { title: 'κ', value: (p) => ifPairable(p, fixed(p.fleissKappa)) },
            ]}
          />
          <p className="muted small">
            {scoped
              ? 'A pool whose items have one answer each has no agreement of its own: another pool answers the same items, and that work is not shown here.'
              : 'A pool whose items have one answer each has no agreement of its own; its answers count in the pairs with other pools.'}
          </p>
        </div>
        <div>
          <h3>By pair of annotators</h3>
          <PairFigures
            pairs={a.byPair}
            series="Cohen κ"
            value={(p) => p.cohenKappa}
            columns={[
              { title: 'Shared items', value: (p) => p.sharedItems },
              { title: 'Agreement', value: (p) => percent(p.percentAgreement) },
              { title: 'Cohen κ', value: (p) => fixed(p.cohenKappa) },
            ]}
            empty="No two annotators share items yet."
          />
          <h3>By label</h3>
          <FiguresTable
            head="Label"
            rows={a.byLabel}
            name={(l) => l.label}
            columns={[
              { title: 'Answers', value: (l) => l.answers },
              { title: 'Specific agreement', value: (l) => percent(l.specificAgreement) },
            ]}
          />
        </div>
      </div>
    </section>
  );
}
