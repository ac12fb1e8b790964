/**
 * "Where they differ", above the annotation cards of a review: per region control how many regions
 * not everyone drew (those are drawn bold in the overlay, the matched ones faint), with the F1 and
 * mean IoU of the matching; per question, who answered what when they did not all agree.
 */
import type { ChoiceControlDifference, ItemDifferences, RegionControlDifference } from '../../../src/core/quality/item-differences.ts';

const KIND_NAMES: Record<RegionControlDifference['kind'], string> = { bbox: 'boxes', polygon: 'polygons', span: 'spans' };

interface Props {
  differences: ItemDifferences;
  nameOf(annotationId: number): string;
  /** Showing only the regions not everyone drew. */
  onlyDifferences: boolean;
  onToggle(): void;
}

export function DifferencesPanel({ differences, nameOf, onlyDifferences, onToggle }: Props) {
  // Controls nobody used say nothing about agreement.
  const regions = differences.regionControls.filter((c) => c.regions > 0);
  const choices = differences.choiceControls.filter((c) => c.answers.some((a) => a.labels.length > 0));
  if (regions.length === 0 && choices.length === 0) return null;
  const unmatched = regions.reduce((n, c) => n + c.unmatched, 0);
  const differing = choices.filter((c) => !c.agree).length;
  return (
    <section className="differences" aria-label="Where the annotators differ" data-testid="differences">
      <h2>
        {unmatched + differing === 0 ? 'The annotators agree' : 'Where they differ'}
        {unmatched > 0 && (
          <button type="button" className="small" aria-pressed={onlyDifferences} onClick={onToggle} title="Show only the regions not everyone drew (D)">
            Differences only <kbd>D</kbd>
          </button>
        )}
      </h2>
      <ul>
        {regions.map((c) => (
          <RegionLine key={c.control} control={c} />
        ))}
        {choices.map((c) => (
          <ChoiceLine key={c.control} control={c} nameOf={nameOf} />
        ))}
      </ul>
    </section>
  );
}

function RegionLine({ control: c }: { control: RegionControlDifference }) {
  const figures = [`F1 ${c.f1.toFixed(2)}`, ...(Number.isNaN(c.meanIoU) ? [] : [`mean IoU ${c.meanIoU.toFixed(2)}`])].join(' · ');
  return (
    <li className={c.unmatched > 0 ? 'differs' : 'agrees'}>
      <strong>{c.control.replaceAll('_', ' ')}</strong> ({KIND_NAMES[c.kind]}):{' '}
      {c.unmatched > 0 ? `${c.unmatched} of ${c.regions} not drawn by everyone` : `all ${c.regions} matched`} <span className="muted">· {figures}</span>
    </li>
  );
}

function ChoiceLine({ control: c, nameOf }: { control: ChoiceControlDifference; nameOf(id: number): string }) {
  const text = (labels: string[]) => (labels.length === 0 ? 'no answer' : labels.join(', '));
  return (
    <li className={c.agree ? 'agrees' : 'differs'}>
      <strong>{c.control.replaceAll('_', ' ')}</strong>:{' '}
      {c.agree ? `all say ${text(c.answers[0]!.labels)}` : c.answers.map((a) => `${nameOf(a.annotationId)} ${text(a.labels)}`).join(' · ')}
    </li>
  );
}
