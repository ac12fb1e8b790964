/** /projects/new — name, data kind, label schema and guidelines (version 1 of each). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import type { LabelSchema, Project } from '../api/types.ts';
import { ErrorNote, PageHeader } from '../ui/feedback.tsx';
import { GuidelinesEditor } from './GuidelinesEditor.tsx';
import { SchemaEditor } from './SchemaEditor.tsx';
import { schemaIssues, starterSchema } from './schema-edit.ts';

export default function CreateProjectPage() {
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [itemKind, setItemKind] = useState<'image' | 'text'>('image');
  const [overlap, setOverlap] = useState(1);
  const [schema, setSchema] = useState<LabelSchema>(() => starterSchema('image'));
  const [guidelines, setGuidelines] = useState('# Guidelines\n\nDescribe what to label and how.\n');
  const create = useMutation({
    mutationFn: () => api<Project>('POST', '/api/v1/projects', { name: name.trim(), description, itemKind, overlap, schema, guidelines }),
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      navigate(`/projects/${project.id}/import`);
    },
  });
  const valid = schemaIssues(schema, itemKind).length === 0 && name.trim().length > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) create.mutate();
  };
  const changeKind = (kind: 'image' | 'text') => {
    setItemKind(kind);
    setSchema(starterSchema(kind));
  };
  return (
    <main className="page wide">
      <PageHeader title="New project" />
      <form onSubmit={submit} className="stack" aria-label="New project">
        <div className="row wrap">
          <label htmlFor={`${id}-name`}>
            Name
            <input id={`${id}-name`} required value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
          </label>
          <fieldset className="inline-fieldset">
            <legend>Data</legend>
            <label className="inline">
              <input type="radio" name={`${id}-kind`} checked={itemKind === 'image'} onChange={() => changeKind('image')} /> Images
            </label>
            <label className="inline">
              <input type="radio" name={`${id}-kind`} checked={itemKind === 'text'} onChange={() => changeKind('text')} /> Texts
            </label>
          </fieldset>
          <label htmlFor={`${id}-overlap`}>
            Annotators per item
            <input id={`${id}-overlap`} type="number" min={1} max={50} value={overlap} onChange={(e) => setOverlap(Number(e.target.value) || 1)} />
          </label>
        </div>
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea id={`${id}-description`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        <h2>Labels</h2>
        <SchemaEditor schema={schema} itemKind={itemKind} onChange={setSchema} />
        <h2>Guidelines</h2>
        <GuidelinesEditor value={guidelines} onChange={setGuidelines} />
        {create.error && <ErrorNote title="The project was not created." error={create.error} />}
        <div className="row">
          <button type="submit" className="primary" disabled={!valid || create.isPending}>
            {create.isPending ? 'Creating…' : 'Create the project'}
          </button>
          {!valid && <span className="muted">{name.trim() ? 'Fix the label schema first.' : 'Give the project a name.'}</span>}
        </div>
      </form>
    </main>
  );
}
