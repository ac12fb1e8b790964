/**
 * Each annotator's answers against the items' settled labels as a heat map: row the settled label
 * (the known answer, or the consensus of an accepted item), column the label they gave, each cell the
 * number of answers, shaded by its share of the row. Counted, not estimated: a cell off the diagonal
 * is answers that really differed from the settled label (see core/quality/observed-confusion.ts).
 */
import type { ControlQuality } from '../api/quality-types.ts';
import { Chart } from '../charts/Chart.tsx';
import { confusionOption, countShareWords, countWords, percent, rowTotals } from './quality-charts.ts';

type Worker = ControlQuality['confusion'][number];

/** "33 of 35 answers gave the settled label (94.3 %)", and what is not settled yet. */
function agreementWords(w: Worker): string {
  const compared = w.answers === 0 ? 'no answer on a settled item yet' : `${w.agreed} of ${w.answers} answers gave the settled label (${percent(w.agreed / w.answers)})`;
  return w.unsettled > 0 ? `${compared} · ${w.unsettled} on items not settled yet` : compared;
}

export function ConfusionHeatmaps({ control }: { control: ControlQuality }) {
  // The server sends them least agreeing first.
  const workers = control.confusion.filter((w) => w.answers > 0);
  const waiting = control.confusion.filter((w) => w.answers === 0);
  return (
    <section className="panel" aria-labelledby={`confusion-${control.control}`}>
      <h2 id={`confusion-${control.control}`}>Answers against the settled label, per annotator</h2>
      <p className="muted small">
        Row: the item's settled label (its known answer, or the consensus it was accepted with), with the number of answers in the row; column: the label the annotator gave. Each cell counts
        answers; its shade is its share of the row. Only items that two or more annotators labelled, or that have a known answer; items still in review or with the experts are not
        counted until they are settled. Least agreeing first.
      </p>
      {workers.length === 0 ? (
        <p className="muted">
          {waiting.length > 0
            ? 'No item that two annotators labelled is settled yet: the counts come once items are accepted or get a known answer.'
            : 'No item has answers from two annotators yet: an annotator can only be compared where annotators overlap or an item has a known answer.'}
        </p>
      ) : (
        <ul className="heatmaps">
          {workers.map((w) => {
            const totals = rowTotals(w.counts);
            return (
              <li key={w.worker} className="heatmap" data-testid="heatmap">
                <h3>
                  {w.worker} <span className="muted small">· {agreementWords(w)}</span>
                </h3>
                <Chart
                  label={`Answers of ${w.worker} against the settled label: ${control.labels
                    .map((l, i) => (totals[i] ? `${l} given as ${l} ${countWords(w.counts[i]![i]!, totals[i]!)}` : null))
                    .filter(Boolean)
                    .join(', ')}`}
                  option={confusionOption(control.labels, w.counts)}
                  height={Math.max(200, control.labels.length * 44 + 70)}
                  table={
                    <table className="table compact">
                      <thead>
                        <tr>
                          <th scope="col">settled \ given</th>
                          {control.labels.map((l) => (
                            <th key={l} scope="col" className="num">
                              {l}
                            </th>
                          ))}
                          <th scope="col" className="num">
                            answers
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {control.labels.map((l, i) => (
                          <tr key={l}>
                            <th scope="row">{l}</th>
                            {control.labels.map((g, j) => (
                              <td key={g} className="num">
                                {countShareWords(w.counts[i]![j]!, totals[i]!)}
                              </td>
                            ))}
                            <td className="num">{totals[i]}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  }
                />
              </li>
            );
          })}
        </ul>
      )}
      {workers.length > 0 && waiting.length > 0 && (
        <p className="muted small">
          Nothing settled yet to compare {waiting.map((w) => `${w.worker} (${w.unsettled} answer${w.unsettled === 1 ? '' : 's'} waiting)`).join(', ')} with.
        </p>
      )}
    </section>
  );
}
