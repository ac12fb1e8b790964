/**
 * "Where they differ", above the annotation cards of a review or an adjudication: per region
 * control how many regions not everyone matched (drawn bold in the overlay, the matched ones
 * faint) and how many of those only the label tells apart, with the F1 and mean IoU of the
 * matching; per question, who answered what when they did not all agree.
 */
import type { ChoiceControlDifference, ItemDifferences, RegionControlDifference } from '../../../src/core/quality/item-differences.ts';
// The one name people know a control by: the label palette's and the annotation cards' title.
import { controlTitle } from '../annotate/draft-problems.ts';

const KIND_NAMES: Record<RegionControlDifference['kind'], string> = { bbox: 'boxes', polygon: 'polygons', span: 'spans' };
const MATCHED_MEANS: Record<RegionControlDifference['kind'], string> = {
  bbox: 'Two boxes match when they have the same label and overlap by IoU ≥ 0.5 (one-to-one)',
  polygon: 'Two polygons match when they have the same label and overlap by IoU ≥ 0.5 (one-to-one)',
  span: 'Two spans match when they have the same label and the same start and end',
};

interface Props {
  differences: ItemDifferences;
  nameOf(annotationId: number): string;
  /** Showing only the regions not everyone matched. */
  onlyDifferences: boolean;
  onToggle(): void;
  /** The key that toggles it, where the screen has one. */
  shortcut?: string;
}

export function DifferencesPanel({ differences, nameOf, onlyDifferences, onToggle, shortcut }: Props) {
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
          <button type="button" className="small" aria-pressed={onlyDifferences} onClick={onToggle} title={`Show only the regions not everyone matched${shortcut ? ` (${shortcut})` : ''}`}>
            Differences only {shortcut && <kbd>{shortcut}</kbd>}
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
      <strong>{controlTitle(c.control)}</strong> ({KIND_NAMES[c.kind]}):{' '}
      <span title={MATCHED_MEANS[c.kind]}>
        {c.unmatched > 0 ? `${c.unmatched} of ${c.regions} not matched by everyone` : `all ${c.regions} matched`}
        {c.relabelled > 0 && ` (${c.relabelled} ${c.relabelled === 1 ? 'pair' : 'pairs'} marked alike with another label)`}
      </span>{' '}
      <span className="muted">· {figures}</span>
    </li>
  );
}

function ChoiceLine({ control: c, nameOf }: { control: ChoiceControlDifference; nameOf(id: number): string }) {
  const text = (labels: string[]) => (labels.length === 0 ? 'no answer' : labels.join(', '));
  return (
    <li className={c.agree ? 'agrees' : 'differs'}>
      <strong>{controlTitle(c.control)}</strong>:{' '}
      {c.agree ? `all say ${text(c.answers[0]!.labels)}` : c.answers.map((a) => `${nameOf(a.annotationId)} ${text(a.labels)}`).join(' · ')}
    </li>
  );
}
