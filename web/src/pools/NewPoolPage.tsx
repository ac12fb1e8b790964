/** /pools/new — a manager creates a pool. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { poolsQuery } from '../api/workforce-queries.ts';
import type { Pool } from '../api/workforce-types.ts';
import { PageHeader } from '../ui/feedback.tsx';
import { EMPTY_POOL_FORM, type PoolFormState, poolBodyFrom } from './pool-form.ts';
import { PoolForm } from './PoolForm.tsx';

export default function NewPoolPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (form: PoolFormState) => api<Pool>('POST', '/api/v1/pools', poolBodyFrom(form, true)),
    onSuccess: (pool) => {
      void queryClient.invalidateQueries({ queryKey: poolsQuery.queryKey });
      navigate(`/pools/${pool.id}`);
    },
  });
  return (
    <main className="page">
      <PageHeader title="New pool" />
      <PoolForm initial={EMPTY_POOL_FORM} creating pending={create.isPending} error={create.error} submitLabel="Create the pool" onSubmit={(f) => create.mutate(f)} onCancel={() => navigate('/pools')} />
    </main>
  );
}
