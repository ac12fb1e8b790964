/** Gold accuracy per annotator and per pool with the 95 % interval, against the pause bar, and week by week. */
import type { Accuracy, QaPolicy, Quality } from '../api/quality-types.ts';
import { Chart } from '../charts/Chart.tsx';
import { goldAccuracyOption, goldByWeekOption, percent } from './quality-charts.ts';

function AccuracyTable({ rows, what }: { rows: Accuracy[]; what: string }) {
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th scope="col">{what}</th>
          <th scope="col" className="num">Answered</th>
          <th scope="col" className="num">Passed</th>
          <th scope="col" className="num">Accuracy</th>
          <th scope="col" className="num">95 % interval</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td className="num">{r.answered}</td>
            <td className="num">{r.passed}</td>
            <td className="num">{percent(r.accuracy)}</td>
            <td className="num">
              {percent(r.low)} – {percent(r.high)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GoldSection({ gold, policy }: { gold: Quality['gold']; policy: QaPolicy | undefined }) {
  const bar = policy ? policy.goldMinAccuracy : null;
  const words = (rows: Accuracy[]) => rows.map((r) => `${r.name} ${percent(r.accuracy)} (95 % ${percent(r.low)} to ${percent(r.high)})`).join(', ');
  return (
    <section className="panel" aria-labelledby="gold-title">
      <h2 id="gold-title">Gold accuracy</h2>
      {gold.byAnnotator.length === 0 ? (
        <p className="muted">
          No gold answered yet.{' '}
          {policy && policy.goldRate === 0 ? 'The QA policy mixes no gold tasks in (gold rate 0): set a rate and known answers to measure accuracy.' : 'Gold tasks come at the QA policy’s rate once items have known answers.'}
        </p>
      ) : (
        <div className="two-columns">
          <div>
            <h3>Per annotator</h3>
            <Chart label={`Gold accuracy per annotator: ${words(gold.byAnnotator)}`} option={goldAccuracyOption(gold.byAnnotator, bar)} height={240} table={<AccuracyTable rows={gold.byAnnotator} what="Annotator" />} />
          </div>
          <div>
            <h3>Per pool</h3>
            <Chart label={`Gold accuracy per pool: ${words(gold.byPool)}`} option={goldAccuracyOption(gold.byPool, bar)} height={240} table={<AccuracyTable rows={gold.byPool} what="Pool" />} />
          </div>
        </div>
      )}
      {gold.byWeek.length > 0 && (
        <>
          <h3>Over time</h3>
          <Chart
            label={`Gold accuracy per week and pool: ${gold.byWeek.map((w) => `${w.week} ${w.pool} ${percent(w.accuracy)}`).join(', ')}`}
            option={goldByWeekOption(gold.byWeek)}
            height={220}
            table={
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Week</th>
                    <th scope="col">Pool</th>
                    <th scope="col" className="num">Answered</th>
                    <th scope="col" className="num">Accuracy</th>
                  </tr>
                </thead>
                <tbody>
                  {gold.byWeek.map((w) => (
                    <tr key={`${w.week}/${w.pool}`}>
                      <td>{w.week}</td>
                      <td>{w.pool}</td>
                      <td className="num">{w.answered}</td>
                      <td className="num">{percent(w.accuracy)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        </>
      )}
    </section>
  );
}
