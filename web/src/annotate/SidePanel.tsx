/** The right-hand panel: the guidelines of the version in force, the shapes of the draft, the item. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { guidelinesVersionQuery } from '../api/queries.ts';
import type { Item } from '../api/types.ts';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { Markdown } from '../ui/Markdown.tsx';
import type { DraftRegion } from './draft.ts';

interface Props {
  id: string;
  projectId: number;
  guidelinesVersion: number | null;
  schemaVersion: number;
  item: Item;
  regions: DraftRegion[];
  colorOf(control: string, label: string): string;
  selectedId: string | null;
  onSelect(id: string | null): void;
  onDelete(id: string): void;
}

type Tab = 'guidelines' | 'shapes' | 'item';

export function SidePanel(props: Props) {
  const [tab, setTab] = useState<Tab>('guidelines');
  const tabs: [Tab, string][] = [
    ['guidelines', 'Guidelines'],
    ['shapes', `Marked (${props.regions.length})`],
    ['item', 'Item'],
  ];
  return (
    <aside id={props.id} className="side" aria-label="Guidelines and details">
      <div role="tablist" className="tabs" aria-label="Side panel">
        {tabs.map(([key, title]) => (
          <button key={key} type="button" role="tab" data-annotate-key="" id={`tab-${key}`} aria-selected={tab === key} aria-controls={`panel-${key}`} onClick={() => setTab(key)}>
            {title}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'guidelines' && <Guidelines projectId={props.projectId} version={props.guidelinesVersion} />}
        {tab === 'shapes' && <ShapeList {...props} />}
        {tab === 'item' && <ItemFacts item={props.item} schemaVersion={props.schemaVersion} guidelinesVersion={props.guidelinesVersion} />}
      </div>
    </aside>
  );
}

function Guidelines({ projectId, version }: { projectId: number; version: number | null }) {
  const query = useQuery({ ...guidelinesVersionQuery(projectId, version ?? 0), enabled: version !== null });
  if (version === null) return <p className="muted">This project has no guidelines yet.</p>;
  if (query.isPending) return <Loading what="the guidelines" />;
  if (query.isError) return <ErrorNote error={query.error} />;
  return (
    <div>
      <p className="muted small">Version {query.data.version}{query.data.note ? ` — ${query.data.note}` : ''}</p>
      <Markdown source={query.data.body} />
    </div>
  );
}

function describeRegion(r: DraftRegion): string {
  if (r.kind === 'bbox') return `box ${Math.round(r.width)}×${Math.round(r.height)} at ${Math.round(r.x)}, ${Math.round(r.y)}`;
  if (r.kind === 'polygon') return `polygon of ${r.points.length} points`;
  return `“${r.text ?? ''}” (${r.start}–${r.end})`;
}

function ShapeList({ regions, colorOf, selectedId, onSelect, onDelete }: Props) {
  if (regions.length === 0) return <p className="muted">Nothing marked yet.</p>;
  return (
    <ul className="shape-list">
      {regions.map((r) => (
        <li key={r.id} className={r.id === selectedId ? 'selected' : undefined}>
          <button type="button" className="shape-pick" aria-pressed={r.id === selectedId} onClick={() => onSelect(r.id === selectedId ? null : r.id)}>
            <span className="swatch inline" style={{ background: colorOf(r.control, r.label) }} aria-hidden="true" />
            <strong>{r.label}</strong> <span className="muted">{describeRegion(r)}</span>
          </button>
          <button type="button" className="quiet" aria-label={`Delete ${r.label} ${describeRegion(r)}`} onClick={() => onDelete(r.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function ItemFacts({ item, schemaVersion, guidelinesVersion }: { item: Item; schemaVersion: number; guidelinesVersion: number | null }) {
  const rows: [string, string][] = [
    ['Item', item.externalId ?? String(item.id)],
    ['Kind', item.kind],
    ...(item.width && item.height ? [['Size', `${item.width} × ${item.height} px`] as [string, string]] : []),
    ['Sensitivity', item.sensitivity],
    ...(item.language ? [['Language', item.language] as [string, string]] : []),
    ...(item.tags.length > 0 ? [['Tags', item.tags.join(', ')] as [string, string]] : []),
    ['Label schema', `version ${schemaVersion}`],
    ['Guidelines', guidelinesVersion ? `version ${guidelinesVersion}` : 'none'],
    ...Object.entries(item.metadata).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]),
  ];
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
