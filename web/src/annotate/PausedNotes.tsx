/** Says in which pools the signed-in person is paused, why, and who can resume them. */
import { useQuery } from '@tanstack/react-query';
import type { User } from '../api/types.ts';
import { membersQuery } from '../api/workforce-queries.ts';
import { type MyMembership, myMembershipsQuery, type PauseStanding, pauseStanding, whoToAsk } from './paused.ts';

/** The person's pauses; `loading` until their memberships are known. */
export function usePauseStanding(me: User): PauseStanding & { loading: boolean } {
  const memberships = useQuery(myMembershipsQuery);
  return { ...pauseStanding(me.role, memberships.data ?? []), loading: memberships.isPending };
}

export function PausedNotes({ standing }: { standing: PauseStanding }) {
  return standing.paused.map((m) => <PausedNote key={m.pool.id} membership={m} blocked={standing.blocked} />);
}

function PausedNote({ membership, blocked }: { membership: MyMembership; blocked: boolean }) {
  // A member may read their pool's member list: its managers are the ones who resume people.
  const members = useQuery(membersQuery(membership.pool.id));
  const managers = (members.data ?? []).filter((m) => m.role === 'manager');
  return (
    <div className="note note-warn" role="status" data-testid="paused">
      <strong>You are paused in the {membership.pool.name} pool</strong>
      {membership.pausedReason ? <>: {membership.pausedReason}</> : null}.{' '}
      {blocked ? 'No work is offered to you until you are resumed' : 'The work of this pool is not offered to you until you are resumed'}
      {members.isPending ? '.' : <>: ask {whoToAsk(managers)} to resume you.</>}
    </div>
  );
}
