/** A new version of a project's label schema or guidelines: the edit in progress, its note, the save. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';

export function useRecordVersion<T>(projectId: number, what: 'schema-versions' | 'guidelines-versions', body: (draft: T, note: string) => unknown) {
  const [draft, setDraft] = useState<T | null>(null);
  const [note, setNote] = useState('');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (value: T) => api<{ version: number }>('POST', `/api/v1/projects/${projectId}/${what}`, body(value, note)),
    onSuccess: () => {
      setDraft(null);
      setNote('');
      // Versions lists and the project's version numbers.
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
  return { draft, setDraft, note, setNote, save };
}
