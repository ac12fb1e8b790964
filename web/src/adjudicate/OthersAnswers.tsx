/** Everyone's answers for an item under adjudication: overlaid on one canvas in their colours, and one card each. */
import type { Annotation, Item, LabelSchema } from '../api/types.ts';
import type { DraftRegion } from '../annotate/draft.ts';
import { paletteOf } from '../annotate/hotkeys.ts';
import { ItemCanvas } from '../annotate/ItemCanvas.tsx';

/** Colours of annotators, chosen to stay apart from one another (as in review). */
export const ANNOTATOR_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

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
  const regions: DraftRegion[] = [];
  const regionColors = new Map<string, string>();
  answers.forEach((a, n) => {
    a.result.regions.forEach((r, i) => {
      const id = `a${a.id}-${i}`;
      regions.push({ ...r, id });
      regionColors.set(id, ANNOTATOR_COLORS[n % ANNOTATOR_COLORS.length]!);
    });
  });
  const hasRegions = regions.length > 0;
  return (
    <section className="others" aria-labelledby="others-title">
      <h2 id="others-title">Their answers</h2>
      {hasRegions && (
        <div className="review-canvas small">
          <ItemCanvas item={item} regions={regions} colorOf={colorOf} colorOfRegion={(id) => regionColors.get(id)} readOnly label="Everyone's answers overlaid, coloured by annotator" />
        </div>
      )}
      <ul className="annotation-cards">
        {answers.map((a, n) => {
          const counts = new Map<string, number>();
          for (const r of a.result.regions) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
          return (
            <li key={a.id} className="annotation-card" data-testid="answer-card" style={{ ['--annotator-color' as string]: ANNOTATOR_COLORS[n % ANNOTATOR_COLORS.length] }}>
              <h3>
                <span className="swatch inline" aria-hidden="true" /> {nameOf(a.annotatorId)}
              </h3>
              <p>
                {schema.controls
                  .filter((c) => a.result.choices[c.name]?.length)
                  .map((c) => (
                    <span key={c.name} className="chip">
                      {c.name}: {a.result.choices[c.name]!.join(', ')}
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
