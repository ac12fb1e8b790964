/** How much annotators agree on one control: per pool and per pair (tables and bars), and per label. */
import type { ControlQuality } from '../api/quality-types.ts';
import { Chart } from '../charts/Chart.tsx';
import { agreementByPairOption, agreementByPoolOption, fixed, pairName, percent } from './quality-charts.ts';

export function AgreementSection({ control }: { control: ControlQuality }) {
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
        <p data-testid="no-agreement">
          None of the {a.project.items} recent items has two answers yet, so there is no agreement to measure. It needs two or more annotators per item
          (the project's overlap, or a routing rule's).
        </p>
      )}
      <div className="two-columns">
        <div>
          <h3>By pool</h3>
          {pairable.length > 0 && <Chart label={`Agreement by pool: ${pairable.map((p) => `${p.pool} ${percent(p.percentAgreement)}`).join(', ')}`} option={agreementByPoolOption(control)} height={220} />}
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Pool</th>
                <th scope="col" className="num">Items</th>
                <th scope="col" className="num">With 2+ answers</th>
                <th scope="col" className="num">Agreement</th>
                <th scope="col" className="num">α</th>
                <th scope="col" className="num">κ</th>
              </tr>
            </thead>
            <tbody>
              {a.byPool.map((p) => (
                <tr key={p.pool}>
                  <th scope="row">{p.pool}</th>
                  <td className="num">{p.items}</td>
                  <td className="num">{p.pairableItems}</td>
                  <td className="num">{p.pairableItems > 0 ? percent(p.percentAgreement) : '—'}</td>
                  <td className="num">{p.pairableItems > 0 ? fixed(p.krippendorffAlpha) : '—'}</td>
                  <td className="num">{p.pairableItems > 0 ? fixed(p.fleissKappa) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">A pool whose items have one answer each has no agreement of its own; its answers count in the pairs with other pools.</p>
        </div>
        <div>
          <h3>By pair of annotators</h3>
          {a.byPair.length > 0 ? (
            <>
              <Chart label={`Cohen's kappa by pair: ${a.byPair.map((p) => `${pairName(p)} ${fixed(p.cohenKappa)}`).join(', ')}`} option={agreementByPairOption(control)} height={Math.max(140, a.byPair.length * 30 + 40)} />
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Pair</th>
                    <th scope="col" className="num">Shared items</th>
                    <th scope="col" className="num">Agreement</th>
                    <th scope="col" className="num">Cohen κ</th>
                  </tr>
                </thead>
                <tbody>
                  {a.byPair.map((p) => (
                    <tr key={pairName(p)}>
                      <th scope="row">{pairName(p)}</th>
                      <td className="num">{p.sharedItems}</td>
                      <td className="num">{percent(p.percentAgreement)}</td>
                      <td className="num">{fixed(p.cohenKappa)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="muted">No two annotators share items yet.</p>
          )}
          <h3>By label</h3>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col" className="num">Answers</th>
                <th scope="col" className="num">Specific agreement</th>
              </tr>
            </thead>
            <tbody>
              {a.byLabel.map((l) => (
                <tr key={l.label}>
                  <th scope="row">{l.label}</th>
                  <td className="num">{l.answers}</td>
                  <td className="num">{percent(l.specificAgreement)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
