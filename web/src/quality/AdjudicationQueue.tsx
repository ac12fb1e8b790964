/** The items waiting for an expert's final label, why they went there, and how much their annotators agreed. */
import { useQuery } from '@tanstack/react-query';
import { adjudicationQueueQuery } from '../api/quality-queries.ts';
import { Empty, ErrorNote, Loading } from '../ui/feedback.tsx';
import { nothingWithinLimitsWords } from '../ui/waiting-words.ts';
import { percent } from './quality-charts.ts';

export const REASON_WORDS: Record<string, string> = {
  low_agreement: 'annotators disagree',
  gold_failed: 'failed a gold check',
  review_rejected: 'rejected in review',
  edge_case: 'flagged as an edge case',
};

/** Why an item is with the experts, in words; a reason may carry a note (`edge_case: <the annotator's words>`). */
export function reasonWords(reason: string): string {
  const at = reason.indexOf(': ');
  const [code, note] = at < 0 ? [reason, null] : [reason.slice(0, at), reason.slice(at + 2)];
  const words = REASON_WORDS[code] ?? code.replaceAll('_', ' ');
  return note ? `${words}: “${note}”` : words;
}

export function AdjudicationQueue({ projectId }: { projectId: number }) {
  const queue = useQuery(adjudicationQueueQuery(projectId));
  if (queue.isPending) return <Loading what="the adjudication queue" />;
  if (queue.isError) return <ErrorNote error={queue.error} />;
  if (queue.data.items.length === 0) return <Empty>{queue.data.cutShort ? nothingWithinLimitsWords('adjudication') : 'Nothing waits for adjudication.'}</Empty>;
  // A project holds images or texts: a glimpse of each item, its thumbnail or its first words.
  const images = queue.data.items.every((e) => e.item.kind === 'image');
  return (
    <table className="table compact" data-testid="adjudication-queue">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Why</th>
          <th scope="col" className="num">Agreement</th>
          <th scope="col" className="num">Answers</th>
          <th scope="col">{images ? 'Image' : 'First words'}</th>
        </tr>
      </thead>
      <tbody>
        {queue.data.items.map((e) => (
          <tr key={e.item.id}>
            <th scope="row">{e.item.externalId ?? `item ${e.item.id}`}</th>
            <td>{e.reason ? reasonWords(e.reason) : '—'}</td>
            <td className="num">{e.agreement === null ? '—' : percent(e.agreement)}</td>
            <td className="num">{e.annotations.length}</td>
            <td className="muted small">
              {e.item.kind === 'text' ? (
                `${(e.item.text ?? '').slice(0, 60)}${(e.item.text ?? '').length > 60 ? '…' : ''}`
              ) : e.item.thumbnailUrl ? (
                <img className="queue-thumb" src={e.item.thumbnailUrl} alt="" width={56} height={42} loading="lazy" />
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
