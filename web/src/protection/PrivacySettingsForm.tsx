/** Who receives texts with personal data redacted and images masked, and how long items are kept. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { privacyQuery } from '../api/data-queries.ts';
import { PII_TYPES } from '../../../src/core/pii/types.ts';
import type { PrivacySettings } from '../api/data-types.ts';
import { KindBoxes } from '../pools/KindBoxes.tsx';
import { SENSITIVITIES, splitList } from '../pools/pool-form.ts';
import { ErrorNote } from '../ui/feedback.tsx';

export function PrivacySettingsForm({ projectId, settings }: { projectId: number; settings: PrivacySettings }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ ...settings, regions: settings.redactRegions.join(', '), retention: settings.retentionDays === null ? '' : String(settings.retentionDays) });
  const save = useMutation({
    mutationFn: () => {
      const body: PrivacySettings = {
        redactPoolKinds: form.redactPoolKinds,
        redactBelowClearance: form.redactBelowClearance,
        redactRegions: splitList(form.regions.toLowerCase()),
        redactTypes: form.redactTypes,
        maskPoolKinds: form.maskPoolKinds,
        retentionDays: form.retention.trim() === '' ? null : Number(form.retention),
      };
      return api<PrivacySettings>('PUT', `/api/v1/projects/${projectId}/privacy`, body);
    },
    onSuccess: (saved) => queryClient.setQueryData(privacyQuery(projectId).queryKey, saved),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="stack privacy-form" onSubmit={submit} aria-label="Privacy settings">
      <fieldset>
        <legend>Redacted texts</legend>
        <div className="form-grid">
          <KindBoxes legend="Pools that get texts with personal data redacted" value={form.redactPoolKinds} onChange={(v) => setForm({ ...form, redactPoolKinds: v })} />
          <label htmlFor={`${id}-clearance`}>
            Also pools cleared below
            <select id={`${id}-clearance`} value={form.redactBelowClearance ?? ''} onChange={(e) => setForm({ ...form, redactBelowClearance: (e.target.value || null) as PrivacySettings['redactBelowClearance'] })}>
              <option value="">— (by kind only)</option>
              {SENSITIVITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label htmlFor={`${id}-regions`}>
            Also pools working from these regions
            <input id={`${id}-regions`} value={form.regions} onChange={(e) => setForm({ ...form, regions: e.target.value })} placeholder="us, in" />
          </label>
        </div>
        <fieldset className="review-by">
          <legend>What is redacted</legend>
          {PII_TYPES.map((t) => (
            <label key={t} className="inline">
              <input type="checkbox" checked={form.redactTypes.includes(t)} onChange={(e) => setForm({ ...form, redactTypes: e.target.checked ? [...form.redactTypes, t] : form.redactTypes.filter((x) => x !== t) })} />
              {t}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>Masked images and retention</legend>
        <div className="form-grid">
          <KindBoxes legend="Pools that get images with the mask regions painted black" value={form.maskPoolKinds} onChange={(v) => setForm({ ...form, maskPoolKinds: v })} />
          <label htmlFor={`${id}-retention`}>
            Keep items for (days; empty: until erased)
            <input id={`${id}-retention`} type="number" min={1} max={36500} className="short" value={form.retention} onChange={(e) => setForm({ ...form, retention: e.target.value })} />
          </label>
        </div>
      </fieldset>
      {save.error && <ErrorNote error={save.error} />}
      {save.isSuccess && (
        <p className="note note-ok" role="status">
          Saved.
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save the privacy settings
        </button>
      </div>
    </form>
  );
}
