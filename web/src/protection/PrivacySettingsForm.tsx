/** Who receives texts with personal data redacted and images masked, and how long items are kept. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { privacyQuery } from '../api/data-queries.ts';
import { PII_TYPES } from '../../../src/core/pii/types.ts';
import type { PrivacySettings } from '../api/data-types.ts';
import { KindBoxes } from '../pools/KindBoxes.tsx';
import { SENSITIVITIES, splitList } from '../pools/pool-form.ts';
import { ErrorNote, FieldError } from '../ui/feedback.tsx';
import { type FormField, formRefusal, invalidProps } from '../ui/form-errors.ts';

type PrivacyField = 'regions' | 'retention';

/** The fields a refusal may be about; a region is named by what was typed. */
function privacyFields(sent: PrivacySettings | undefined): Record<PrivacyField, FormField> {
  return {
    regions: {
      paths: ['redactRegions'],
      words: (issue) => {
        const at = /^redactRegions\[(\d+)\]/.exec(issue.path);
        const typed = at ? sent?.redactRegions[Number(at[1])] : undefined;
        return typed === undefined ? null : `“${typed}” is not a region code: a code is up to 32 letters, digits, - and _, e.g. eu or us-east.`;
      },
    },
    retention: { paths: ['retentionDays'], words: () => 'Give a whole number of days from 1 to 36,500, or leave it empty.' },
  };
}

export function PrivacySettingsForm({ projectId, settings }: { projectId: number; settings: PrivacySettings }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ ...settings, regions: settings.redactRegions.join(', '), retention: settings.retentionDays === null ? '' : String(settings.retentionDays) });
  const save = useMutation({
    mutationFn: (body: PrivacySettings) => api<PrivacySettings>('PUT', `/api/v1/projects/${projectId}/privacy`, body),
    onSuccess: (saved) => queryClient.setQueryData(privacyQuery(projectId).queryKey, saved),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      redactPoolKinds: form.redactPoolKinds,
      redactBelowClearance: form.redactBelowClearance,
      redactRegions: splitList(form.regions.toLowerCase()),
      redactTypes: form.redactTypes,
      maskPoolKinds: form.maskPoolKinds,
      retentionDays: form.retention.trim() === '' ? null : Number(form.retention),
    });
  };
  // A refusal about a field is said beside it; only what belongs to no field goes under the form.
  const refused = formRefusal(save.error, privacyFields(save.variables));
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
            <input id={`${id}-regions`} value={form.regions} onChange={(e) => setForm({ ...form, regions: e.target.value })} placeholder="us, in" {...invalidProps(`${id}-regions-error`, refused.fields.regions)} />
            <FieldError id={`${id}-regions-error`} text={refused.fields.regions} />
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
            <input
              id={`${id}-retention`}
              type="number"
              min={1}
              max={36500}
              className="short"
              value={form.retention}
              onChange={(e) => setForm({ ...form, retention: e.target.value })}
              {...invalidProps(`${id}-retention-error`, refused.fields.retention)}
            />
            <FieldError id={`${id}-retention-error`} text={refused.fields.retention} />
          </label>
        </div>
      </fieldset>
      {save.error && refused.rest && <ErrorNote error={save.error} />}
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
