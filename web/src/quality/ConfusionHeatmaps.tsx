/**
 * Each worker's confusion matrix as a heat map: row the true label, column the label they gave,
 * estimated (Dawid–Skene) from the answers on items that two or more annotators labelled, the only
 * ones that say anything about an annotator. A dark diagonal is a reliable worker.
 */
import type { ControlQuality } from '../api/quality-types.ts';
import { Chart } from '../charts/Chart.tsx';
import { confusionOption, percent } from './quality-charts.ts';

export function ConfusionHeatmaps({ control }: { control: ControlQuality }) {
  const workers = [...control.confusion].sort((a, b) => a.skill - b.skill);
  return (
    <section className="panel" aria-labelledby={`confusion-${control.control}`}>
      <h2 id={`confusion-${control.control}`}>Confusion per annotator</h2>
      <p className="muted small">
        Row: the true label; column: the label given, in per cent of the row (rounded); estimated from the answers on items that two or more annotators labelled. Least reliable first.
      </p>
      {workers.length === 0 ? (
        <p className="muted">No item has answers from two annotators yet: a confusion matrix can only be estimated where annotators overlap.</p>
      ) : (
        <ul className="heatmaps">
          {workers.map((w) => (
            <li key={w.worker} className="heatmap" data-testid="heatmap">
              <h3>
                {w.worker} <span className="muted small">· reliability {percent(w.skill)} · {w.answers} answers</span>
              </h3>
              <Chart
                label={`Confusion matrix of ${w.worker}: ${control.labels.map((l, i) => `${l} given as ${l} ${percent(w.matrix[i]?.[i] ?? 0)}`).join(', ')}`}
                option={confusionOption(control.labels, w.matrix)}
                height={Math.max(200, control.labels.length * 44 + 70)}
                table={
                  <table className="table compact">
                    <thead>
                      <tr>
                        <th scope="col">true \ given</th>
                        {control.labels.map((l) => (
                          <th key={l} scope="col" className="num">
                            {l}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {control.labels.map((l, i) => (
                        <tr key={l}>
                          <th scope="row">{l}</th>
                          {control.labels.map((g, j) => (
                            <td key={g} className="num">
                              {percent(w.matrix[i]?.[j] ?? 0)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
