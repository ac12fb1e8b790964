import { Link } from 'react-router';
import { type Area, areasOf, AREA_TITLES, homeOf, whyShut } from './roles.ts';
import { useMe } from './session.tsx';
import { useMyPools } from './standing.ts';
import type { User } from '../api/types.ts';

export function NoAccess({ area }: { area?: Area }) {
  const me = useMe();
  return (
    <main className="page narrow" aria-labelledby="no-access-title">
      <h1 id="no-access-title">No access</h1>
      <p>{me ? whyShut(me.role, area) : 'Sign in to open this page.'}</p>
      {me && <OpenAreas me={me} />}
      <p>
        <Link to={me ? homeOf(me.role) : '/sign-in'}>Go to your start page</Link>
      </p>
    </main>
  );
}

/** What the person can open: by their role and by what they are in their pools (a pool's manager runs it). */
function OpenAreas({ me }: { me: User }) {
  const areas = areasOf(me.role, useMyPools(me).data?.standing);
  if (areas.length === 0) return null;
  return (
    <p>
      You can open:{' '}
      {areas.map((a, i) => (
        <span key={a}>
          {i > 0 && ', '}
          <Link to={`/${a}`}>{AREA_TITLES[a]}</Link>
        </span>
      ))}
      .
    </p>
  );
}

export function NotFound() {
  return (
    <main className="page narrow">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link to="/">Go to your start page</Link>.
      </p>
    </main>
  );
}
