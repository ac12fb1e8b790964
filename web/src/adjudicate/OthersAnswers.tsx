/**
 * Everyone's answers for an item under adjudication: overlaid on one canvas in their colours, where
 * they differ (as in review: the regions not everyone matched stand out), and one card each.
 */
import type { Annotation, Item, LabelSchema } from '../api/types.ts';
import { controlTitle } from '../annotate/draft-problems.ts';
import { paletteOf } from '../annotate/hotkeys.ts';
import { DifferencesPanel } from '../review/DifferencesPanel.tsx';
import { annotatorColor } from '../review/overlay.ts';
import { OverlayCanvas } from '../review/OverlayCanvas.tsx';
import { useDifferences } from '../review/use-differences.ts';

interface Props {
  item: Item;
  schema: LabelSchema;
  answers: Annotation[];
  nameOf(userId: number | null): string;
  onStartFrom(answer: Annotation): void;
}

export function OthersAnswers({ item, schema, answers, nameOf, onStartFrom }: Props) {
  const palette = paletteOf(schema);
  const colorOf = (control: string, label: string) => palette.find((e) => e.control === control && e.label === label)?.color ?? '#888888';
  const { differences, overlay, toggle } = useDifferences(schema, answers);
  const hasRegions = answers.some((a) => a.result.regions.length > 0);
  const nameOfAnswer = (id: number) => nameOf(answers.find((a) => a.id === id)?.annotatorId ?? null);
  return (
    <section className="others" aria-labelledby="others-title">
      <h2 id="others-title">Their answers</h2>
      {hasRegions && (
        <div className="review-canvas small">
          <OverlayCanvas item={item} overlay={overlay} colorOf={colorOf} label="Everyone's answers overlaid, coloured by annotator" />
        </div>
      )}
      {differences && <DifferencesPanel differences={differences} nameOf={nameOfAnswer} onlyDifferences={overlay.onlyDifferences} onToggle={toggle} />}
      <ul className="annotation-cards">
        {answers.map((a, n) => {
          const counts = new Map<string, number>();
          for (const r of a.result.regions) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
          return (
            <li key={a.id} className="annotation-card" data-testid="answer-card" style={{ ['--annotator-color' as string]: annotatorColor(n) }}>
              <h3>
                <span className="swatch inline" aria-hidden="true" /> {nameOf(a.annotatorId)}
              </h3>
              <p>
                {schema.controls
                  .filter((c) => a.result.choices[c.name]?.length)
                  .map((c) => (
                    <span key={c.name} className="chip">
                      {controlTitle(c.name)}: {a.result.choices[c.name]!.join(', ')}
                    </span>
                  ))}
                {[...counts].map(([label, k]) => (
                  <span key={label} className="chip">
                    {k} × {label}
                  </span>
                ))}
                {a.result.regions.length === 0 && Object.keys(a.result.choices).length === 0 && <span className="muted">Nothing marked.</span>}
              </p>
              {item.kind === 'text' && a.result.regions.length > 0 && (
                <p className="small">
                  {a.result.regions.map((r, i) => (r.kind === 'span' ? <span key={i} className="chip">“{(item.text ?? '').slice(r.start, r.end)}” {r.label}</span> : null))}
                </p>
              )}
              <button type="button" onClick={() => onStartFrom(a)}>
                Start from {nameOf(a.annotatorId)}’s answer
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
