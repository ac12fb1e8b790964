/** /pools — the workforces: all of them for managers, the pools they run for pool managers. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { poolsQuery } from '../api/workforce-queries.ts';
import { isProjectManager } from '../app/roles.ts';
import { useSignedInUser } from '../app/session.tsx';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { costWords, KIND_WORDS, languagesWords, regionsWords, slaWords } from './pool-form.ts';

export default function PoolsPage() {
  const me = useSignedInUser();
  const pools = useQuery(poolsQuery);
  const manager = isProjectManager(me.role);
  return (
    <main className="page wide">
      <PageHeader title={manager ? 'Pools' : 'My pools'}>
        {manager && (
          <Link className="button primary" to="/pools/new">
            New pool
          </Link>
        )}
      </PageHeader>
      <p className="muted">A pool is a workforce: an in-house team, a vendor or a crowd. What a pool may see is set by its clearance, regions and languages; routing sends work to pools by their key.</p>
      {pools.isPending && <Loading what="pools" />}
      {pools.isError && <ErrorNote error={pools.error} />}
      {pools.data?.length === 0 && <Empty>No pool yet.{manager ? ' Create one for each team, vendor or crowd you work with.' : ''}</Empty>}
      {pools.data && pools.data.length > 0 && (
        <table className="table" data-testid="pools">
          <thead>
            <tr>
              <th scope="col">Pool</th>
              <th scope="col">Kind</th>
              <th scope="col">Vendor</th>
              <th scope="col">Clearance</th>
              <th scope="col">Regions</th>
              <th scope="col">Languages</th>
              <th scope="col">Cost</th>
              <th scope="col">SLA</th>
            </tr>
          </thead>
          <tbody>
            {pools.data.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/pools/${p.id}`}>{p.name}</Link> <code className="muted small">{p.key}</code>
                </th>
                <td>{KIND_WORDS[p.kind]}</td>
                <td>{p.vendor ?? '—'}</td>
                <td>{p.clearance}</td>
                <td>{regionsWords(p)}</td>
                <td>{languagesWords(p)}</td>
                <td>{costWords(p.costModel)}</td>
                <td>{slaWords(p.sla)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
