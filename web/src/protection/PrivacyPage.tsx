/**
 * /projects/:projectId/privacy — data protection of a project: who gets redacted texts and masked
 * images, how long items are kept, which metadata each pool sees, and the masks of an image.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { privacyQuery } from '../api/data-queries.ts';
import { projectQuery } from '../api/queries.ts';
import { ProjectFrame } from '../manage/ProjectFrame.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { MaskEditor } from './MaskEditor.tsx';
import { MetadataRules } from './MetadataRules.tsx';
import { PrivacySettingsForm } from './PrivacySettingsForm.tsx';

export default function PrivacyPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQuery(projectId));
  const settings = useQuery(privacyQuery(projectId));
  return (
    <ProjectFrame
      projectId={projectId}
      title="Privacy"
      actions={
        <Link className="button" to={`/projects/${projectId}/dpia`}>
          Data-protection report
        </Link>
      }
    >
      <section className="panel" aria-labelledby="privacy-settings-title">
        <h2 id="privacy-settings-title">Redaction, masks and retention</h2>
        {settings.isPending && <Loading what="the privacy settings" />}
        {settings.isError && <ErrorNote error={settings.error} />}
        {settings.data && <PrivacySettingsForm projectId={projectId} settings={settings.data} />}
      </section>
      <section className="panel" aria-labelledby="metadata-title">
        <h2 id="metadata-title">Metadata each pool may see</h2>
        <MetadataRules projectId={projectId} />
      </section>
      {project.data?.itemKind === 'image' && (
        <section className="panel" aria-labelledby="masks-title">
          <h2 id="masks-title">Masks of an image</h2>
          <MaskItem />
        </section>
      )}
    </ProjectFrame>
  );
}

function MaskItem() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const itemId = Number(params.get('mask'));
  const [typed, setTyped] = useState(itemId > 0 ? String(itemId) : '');
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (Number(typed) > 0) setParams({ mask: String(Number(typed)) }, { replace: true });
  };
  return (
    <>
      <form className="row" onSubmit={open} aria-label="Open the masks of an image">
        <label htmlFor={`${id}-item`}>
          Item id
          <input id={`${id}-item`} type="number" min={1} className="short" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit">Open its masks</button>
      </form>
      {itemId > 0 && <MaskEditor key={itemId} itemId={itemId} />}
    </>
  );
}
