/**
 * One rule of a routing policy: its name, its conditions, where it sends the work (pools with
 * weights, optionally only the pool's experts), and how (overlap, priority, review sampling).
 */
import { useId } from 'react';
import type { PoolTarget, RoutingRule } from '../api/workforce-types.ts';
import { ConditionEditor } from './ConditionEditor.tsx';

interface Props {
  rule: RoutingRule;
  index: number;
  count: number;
  poolKeys: string[];
  /** What the server refused in this rule, in words. */
  problems: readonly string[];
  onChange(rule: RoutingRule): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

const optionalNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

export function RuleEditor({ rule, index, count, poolKeys, problems, onChange, onMove, onRemove }: Props) {
  const id = useId();
  const name = rule.name || `rule ${index + 1}`;
  const setTarget = (i: number, target: PoolTarget | null) =>
    onChange({ ...rule, to: target === null ? rule.to.filter((_t, j) => j !== i) : rule.to.map((t, j) => (j === i ? target : t)) });
  const set = <K extends keyof RoutingRule>(key: K, value: RoutingRule[K] | undefined) => {
    const next = { ...rule };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  return (
    <li className="rule" data-testid="rule">
      <div className="rule-head">
        <span className="rule-number" aria-hidden="true">
          {index + 1}
        </span>
        <label htmlFor={`${id}-name`} className="visually-hidden">
          Name of rule {index + 1}
        </label>
        <input id={`${id}-name`} className="rule-name" value={rule.name} onChange={(e) => onChange({ ...rule, name: e.target.value })} />
        <span className="row">
          <button type="button" className="quiet" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move ${name} up`} title="Move up">
            ↑
          </button>
          <button type="button" className="quiet" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move ${name} down`} title="Move down">
            ↓
          </button>
          <button type="button" className="quiet danger" onClick={onRemove} aria-label={`Remove ${name}`} title="Remove">
            ✕
          </button>
        </span>
      </div>
      {problems.length > 0 && (
        <div className="note note-error" role="group" aria-label={`Problems of rule ${index + 1}`} data-testid="rule-problems">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="rule-body">
        <section aria-label={`When (${name})`}>
          <h4>When</h4>
          <ConditionEditor ruleName={name} when={rule.when} onChange={(when) => onChange({ ...rule, when })} />
        </section>
        <section aria-label={`Send to (${name})`}>
          <h4>Send to</h4>
          <table className="targets">
            <thead>
              <tr>
                <th scope="col">Pool</th>
                <th scope="col">Weight</th>
                <th scope="col">Experts</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rule.to.map((t, i) => (
                <tr key={i}>
                  <td>
                    <select aria-label={`Pool ${i + 1} of ${name}`} value={t.pool} onChange={(e) => setTarget(i, { ...t, pool: e.target.value })}>
                      {(poolKeys.includes(t.pool) ? poolKeys : [t.pool, ...poolKeys]).map((k) => (
                        <option key={k}>{k}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input aria-label={`Weight of ${t.pool} in ${name}`} className="short" type="number" min={0} step="any" value={t.weight} onChange={(e) => setTarget(i, { ...t, weight: Number(e.target.value) })} />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Only the experts of ${t.pool} (${name})`}
                      checked={t.role === 'expert'}
                      onChange={(e) => {
                        const { role: _role, ...rest } = t;
                        setTarget(i, e.target.checked ? { ...rest, role: 'expert' } : rest);
                      }}
                    />
                  </td>
                  <td>
                    <button type="button" className="quiet small" onClick={() => setTarget(i, null)} aria-label={`Remove ${t.pool} from ${name}`}>
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="small" onClick={() => onChange({ ...rule, to: [...rule.to, { pool: poolKeys[0] ?? '', weight: 1 }] })} disabled={poolKeys.length === 0}>
            Add a pool
          </button>
        </section>
        <section aria-label={`How (${name})`} className="rule-how">
          <div className="rule-options">
            <label htmlFor={`${id}-overlap`} className="inline">
              Annotators per item
              <input id={`${id}-overlap`} className="short" type="number" min={1} max={50} placeholder="project" value={rule.overlap ?? ''} onChange={(e) => set('overlap', optionalNumber(e.target.value))} />
            </label>
            <label htmlFor={`${id}-priority`} className="inline">
              Priority
              <input id={`${id}-priority`} className="short" type="number" min={-1000} max={1000} placeholder="0" value={rule.priority ?? ''} onChange={(e) => set('priority', optionalNumber(e.target.value))} />
            </label>
            <label className="inline">
              <input type="checkbox" checked={rule.priorityByUncertainty ?? false} onChange={(e) => set('priorityByUncertainty', e.target.checked || undefined)} /> Least confident first
            </label>
            <label htmlFor={`${id}-sample`} className="inline">
              Review sample
              <input id={`${id}-sample`} className="short" type="number" min={0} max={1} step={0.05} value={rule.reviewSample ?? ''} onChange={(e) => set('reviewSample', optionalNumber(e.target.value))} />
            </label>
            <fieldset className="review-by">
              <legend className="visually-hidden">Reviewed by</legend>
              <span aria-hidden="true">reviewed by</span>
              {poolKeys.map((k) => (
                <label key={k} className="inline">
                  <input
                    type="checkbox"
                    checked={rule.reviewBy?.includes(k) ?? false}
                    onChange={(e) => {
                      const next = e.target.checked ? [...(rule.reviewBy ?? []), k] : (rule.reviewBy ?? []).filter((p) => p !== k);
                      set('reviewBy', next.length > 0 ? next : undefined);
                    }}
                  />
                  {k}
                </label>
              ))}
            </fieldset>
          </div>
        </section>
      </div>
    </li>
  );
}
