/** The frame around every signed-in screen: the navigation of the person's role, and sign-out. */
import { NavLink, Outlet } from 'react-router';
import { AREA_TITLES, areasOf } from './roles.ts';
import { SessionExpiredDialog, useSignedInUser, useSignOut } from './session.tsx';
import { useMyPools } from './standing.ts';

export function Shell() {
  const me = useSignedInUser();
  const signOut = useSignOut();
  const myPools = useMyPools(me);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" /> Atelier
        </span>
        <nav aria-label="Main">
          <ul>
            {areasOf(me.role, myPools.data?.standing).map((area) => (
              <li key={area}>
                <NavLink to={`/${area}`}>{AREA_TITLES[area]}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span title={me.email}>
            {me.name} <span className="role-badge">{me.role}</span>
          </span>
          <button type="button" className="quiet" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      <div id="main" className="main" tabIndex={-1}>
        <Outlet />
      </div>
      <SessionExpiredDialog email={me.email} />
    </div>
  );
}
