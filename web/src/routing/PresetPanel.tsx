/**
 * Starting from a ready-made policy: pick the preset, say which pools play which part (in-house,
 * experts, vendors, crowd) and its few options; the rules it makes land in the editor.
 */
import { useId, useState } from 'react';
import type { Pool, PolicyBody, Preset, PresetName } from '../api/workforce-types.ts';

type PresetBody = Extract<PolicyBody, { preset: PresetName }>;
type Part = keyof PresetBody['pools'];

const PARTS: { part: Part; words: string; kind: Pool['kind'] }[] = [
  { part: 'inHouse', words: 'In-house pools', kind: 'in_house' },
  { part: 'experts', words: 'Pools whose experts take the hard cases', kind: 'in_house' },
  { part: 'vendors', words: 'Vendor pools', kind: 'vendor' },
  { part: 'crowd', words: 'Crowd pools', kind: 'crowd' },
];

/** Which option each preset reads. */
const OPTION_OF: Record<PresetName, { key: keyof PresetBody['options']; words: string; min: number; max?: number; step: number; initial: number } | null> = {
  vendors_bulk_experts_hard: { key: 'confidenceBelow', words: 'Experts take items with a model confidence below', min: 0, max: 1, step: 0.05, initial: 0.6 },
  confidential_in_house: null,
  vendors_label_in_house_reviews: { key: 'reviewSample', words: 'Share of the vendors’ labels reviewed in-house', min: 0, max: 1, step: 0.05, initial: 0.1 },
  in_house_first_vendors_scale: { key: 'pilotItems', words: 'Items in the in-house pilot batch', min: 1, step: 1, initial: 200 },
};

/** "Title: the rest" of a preset's description, as a bold title and its explanation. */
function splitDescription(description: string): [string, string] {
  const colon = description.indexOf(':');
  return colon < 0 ? [description, ''] : [description.slice(0, colon), description.slice(colon + 1).trim()];
}

interface Props {
  presets: Preset[];
  pools: Pool[];
  onUse(body: PresetBody): void;
}

export function PresetPanel({ presets, pools, onUse }: Props) {
  const id = useId();
  const [name, setName] = useState<PresetName>(presets[0]?.name ?? 'vendors_bulk_experts_hard');
  const [parts, setParts] = useState<PresetBody['pools']>(() => {
    const of = (kind: Pool['kind']) => pools.filter((p) => p.kind === kind).map((p) => p.key);
    return { inHouse: of('in_house'), experts: of('in_house'), vendors: of('vendor'), crowd: of('crowd') };
  });
  const option = OPTION_OF[name];
  const [optionValue, setOptionValue] = useState<Record<string, number>>({});
  const value = option ? (optionValue[option.key] ?? option.initial) : null;
  const use = () => onUse({ preset: name, pools: parts, options: option && value !== null ? { [option.key]: value } : {} });
  return (
    <div className="preset-panel">
      <fieldset>
        <legend>Preset</legend>
        <div className="preset-list">
          {presets.map((p) => (
            <label key={p.name} className={`preset${p.name === name ? ' chosen' : ''}`}>
              <input type="radio" name={`${id}-preset`} value={p.name} checked={p.name === name} onChange={() => setName(p.name)} />
              <span>
                <strong>{splitDescription(p.description)[0]}</strong>
                <span className="muted small"> {splitDescription(p.description)[1]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Which pools play which part</legend>
        <div className="parts">
          {PARTS.map(({ part, words }) => (
            <fieldset key={part} className="part">
              <legend>{words}</legend>
              {pools.map((p) => (
                <label key={p.key} className="inline">
                  <input
                    type="checkbox"
                    checked={parts[part].includes(p.key)}
                    onChange={(e) => setParts({ ...parts, [part]: e.target.checked ? [...parts[part], p.key] : parts[part].filter((k) => k !== p.key) })}
                  />
                  {p.name} <code className="muted small">{p.key}</code>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </fieldset>
      {option && (
        <label htmlFor={`${id}-option`}>
          {option.words}
          <input
            id={`${id}-option`}
            className="short"
            type="number"
            min={option.min}
            max={option.max}
            step={option.step}
            value={value ?? ''}
            onChange={(e) => setOptionValue({ ...optionValue, [option.key]: Number(e.target.value) })}
          />
        </label>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={use}>
          Use this preset
        </button>
      </div>
    </div>
  );
}
