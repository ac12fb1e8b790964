/** The conditions of one rule: those set, each with its input and a way to take it away, and a list to add another. */
import { useId } from 'react';
import type { Sensitivity } from '../api/types.ts';
import type { RuleCondition } from '../api/workforce-types.ts';
import { splitList } from '../pools/pool-form.ts';
import { CONDITIONS, type ConditionKey, defaultCondition, SENSITIVITY_LEVELS, setCondition } from './policy-edit.ts';

interface Props {
  ruleName: string;
  when: RuleCondition;
  onChange(when: RuleCondition): void;
}

export function ConditionEditor({ ruleName, when, onChange }: Props) {
  const id = useId();
  const set = (key: ConditionKey, value: unknown) => onChange(setCondition(when, key, value as never));
  const unset = CONDITIONS.filter((c) => when[c.key] === undefined);
  return (
    <div className="conditions">
      {Object.keys(when).length === 0 && <p className="muted small">No condition: this rule takes every item that reaches it.</p>}
      <ul>
        {CONDITIONS.filter((c) => when[c.key] !== undefined).map((c) => {
          const inputId = `${id}-${c.key}`;
          const value = when[c.key];
          return (
            <li key={c.key} className="condition">
              {c.input === 'sensitivities' ? (
                <span className="condition-name">{c.words}</span>
              ) : (
                <label htmlFor={inputId} className="condition-name">
                  {c.words}
                </label>
              )}
              {c.input === 'sensitivities' && (
                <span className="row" id={inputId} role="group" aria-label={`${c.words} (${ruleName})`}>
                  {SENSITIVITY_LEVELS.map((s) => (
                    <label key={s} className="inline">
                      <input
                        type="checkbox"
                        checked={(value as Sensitivity[]).includes(s)}
                        onChange={(e) => set(c.key, e.target.checked ? [...(value as Sensitivity[]), s] : (value as Sensitivity[]).filter((v) => v !== s))}
                      />
                      {s}
                    </label>
                  ))}
                </span>
              )}
              {c.input === 'sensitivity' && (
                <select id={inputId} value={value as string} onChange={(e) => set(c.key, e.target.value)}>
                  {SENSITIVITY_LEVELS.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              )}
              {c.input === 'list' && (
                <ListInput id={inputId} value={value as string[]} onChange={(v) => set(c.key, v)} placeholder={c.key === 'tagsAny' ? 'night, rain' : c.key === 'region' ? 'eu, us' : 'en, fr'} />
              )}
              {c.input === 'flag' && (
                <select id={inputId} value={String(value)} onChange={(e) => set(c.key, e.target.value === 'true')}>
                  <option value="true">yes</option>
                  <option value="false">no</option>
                </select>
              )}
              {(c.input === 'fraction' || c.input === 'agreement' || c.input === 'count') && (
                <input
                  id={inputId}
                  type="number"
                  required
                  min={c.input === 'agreement' ? -1 : c.input === 'count' ? 1 : 0}
                  max={c.input === 'count' ? undefined : 1}
                  step={c.input === 'count' ? 1 : 0.05}
                  value={value as number}
                  onChange={(e) => set(c.key, e.target.value === '' ? 0 : Number(e.target.value))}
                  className="short"
                />
              )}
              <button type="button" className="quiet small" onClick={() => set(c.key, undefined)} aria-label={`Remove the condition “${c.words}” of ${ruleName}`}>
                ✕
              </button>
            </li>
          );
        })}
      </ul>
      {unset.length > 0 && (
        <label className="inline small">
          Add a condition
          <select
            value=""
            aria-label={`Add a condition to ${ruleName}`}
            onChange={(e) => {
              const key = e.target.value as ConditionKey;
              if (key) set(key, defaultCondition(key));
            }}
          >
            <option value="">choose…</option>
            {unset.map((c) => (
              <option key={c.key} value={c.key}>
                {c.words}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

/** A list typed with commas; kept as typed until the field is left, so a trailing comma does not vanish. */
function ListInput({ id, value, onChange, placeholder }: { id: string; value: string[]; onChange(v: string[]): void; placeholder: string }) {
  return (
    <input
      id={id}
      defaultValue={value.join(', ')}
      placeholder={placeholder}
      onBlur={(e) => onChange(splitList(e.target.value))}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onChange(splitList(e.currentTarget.value));
      }}
    />
  );
}
