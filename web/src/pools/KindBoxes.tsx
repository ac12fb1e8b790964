/** A checkbox per kind of pool (in-house, vendor, crowd), for settings that apply to kinds of pools. */
import type { PoolKind } from '../api/workforce-types.ts';
import { KIND_WORDS, POOL_KINDS } from './pool-form.ts';

export function KindBoxes({ legend, value, onChange }: { legend: string; value: PoolKind[]; onChange(v: PoolKind[]): void }) {
  return (
    <fieldset className="review-by">
      <legend>{legend}</legend>
      {POOL_KINDS.map((k) => (
        <label key={k} className="inline">
          <input type="checkbox" checked={value.includes(k)} onChange={(e) => onChange(e.target.checked ? [...value, k] : value.filter((x) => x !== k))} />
          {KIND_WORDS[k]}
        </label>
      ))}
    </fieldset>
  );
}
