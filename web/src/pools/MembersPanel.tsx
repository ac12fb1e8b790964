/**
 * The members of a pool and their roles. Managers and the pool's own managers add people (new ones
 * with a name and a password), change roles, pause and resume them with a reason, and remove them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { membersQuery } from '../api/workforce-queries.ts';
import type { Member, MemberRole } from '../api/workforce-types.ts';
import { ErrorNote, FieldError, Loading } from '../ui/feedback.tsx';
import { type FormField, formRefusal, invalidProps } from '../ui/form-errors.ts';

const ROLES: MemberRole[] = ['annotator', 'reviewer', 'expert', 'manager'];

interface Props {
  poolId: number;
  /** May add, change, pause and remove members. */
  canManage: boolean;
  /** May appoint pool managers (admins and managers, not the pool's own managers). */
  canAppoint: boolean;
  /** The signed-in person: a pool's own manager may not change or remove themselves (the server refuses it). */
  me: { id: number; email: string };
}

export function MembersPanel({ poolId, canManage, canAppoint, me }: Props) {
  const members = useQuery(membersQuery(poolId));
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['pools', poolId] });
    void queryClient.invalidateQueries({ queryKey: ['me', 'pools'] });
  };
  const change = useMutation({
    mutationFn: (input: { path: string; body?: unknown; method?: 'POST' | 'DELETE' }) => api<unknown>(input.method ?? 'POST', `/api/v1/pools/${poolId}/members${input.path}`, input.body),
    onSuccess: refresh,
  });
  const roles = canAppoint ? ROLES : ROLES.filter((r) => r !== 'manager');
  if (members.isPending) return <Loading what="members" />;
  if (members.isError) return <ErrorNote error={members.error} />;
  return (
    <>
      {change.error && <ErrorNote error={change.error} />}
      <table className="table" data-testid="members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            {canManage && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {members.data.map((m) => (
            <MemberRow
              key={m.userId}
              member={m}
              roles={roles}
              actionsColumn={canManage}
              canManage={canManage && (canAppoint || (m.role !== 'manager' && m.userId !== me.id))}
              pending={change.isPending}
              onRole={(role) => change.mutate({ path: '', body: { email: m.email, role } })}
              onPause={(reason) => change.mutate({ path: `/${m.userId}/pause`, body: { reason } })}
              onResume={() => change.mutate({ path: `/${m.userId}/resume` })}
              onRemove={() => change.mutate({ path: `/${m.userId}`, method: 'DELETE' })}
            />
          ))}
        </tbody>
      </table>
      {members.data.length === 0 && <p className="muted">Nobody in this pool yet.</p>}
      {canManage && <AddMember poolId={poolId} roles={roles} ownEmail={canAppoint ? null : me.email} onAdded={refresh} />}
    </>
  );
}

interface RowProps {
  member: Member;
  roles: MemberRole[];
  /** The table has an actions column (empty on rows this person may not change). */
  actionsColumn: boolean;
  canManage: boolean;
  pending: boolean;
  onRole(role: MemberRole): void;
  onPause(reason: string): void;
  onResume(): void;
  onRemove(): void;
}

function MemberRow({ member: m, roles, actionsColumn, canManage, pending, onRole, onPause, onResume, onRemove }: RowProps) {
  const [step, setStep] = useState<'idle' | 'pausing' | 'removing'>('idle');
  const [reason, setReason] = useState('');
  const id = useId();
  return (
    <tr className={m.paused ? 'disabled' : undefined}>
      <th scope="row">{m.name}</th>
      <td>{m.email}</td>
      <td>
        {canManage ? (
          <select aria-label={`Role of ${m.name}`} value={m.role} onChange={(e) => onRole(e.target.value as MemberRole)} disabled={pending}>
            {(roles.includes(m.role) ? roles : [m.role, ...roles]).map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        ) : (
          m.role
        )}
      </td>
      <td>{m.paused ? <span className="badge badge-reject" title={m.pausedReason ?? undefined}>Paused: {m.pausedReason ?? 'no reason given'}</span> : 'Active'}</td>
      {actionsColumn && !canManage && <td />}
      {canManage && (
        <td>
          {step === 'pausing' ? (
            <form
              className="row"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                onPause(reason.trim());
                setStep('idle');
              }}
            >
              <label htmlFor={`${id}-reason`} className="visually-hidden">
                Why pause {m.name}?
              </label>
              <input id={`${id}-reason`} required placeholder="Why pause them?" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
              <button type="submit" disabled={!reason.trim()}>
                Pause
              </button>
              <button type="button" className="quiet" onClick={() => setStep('idle')}>
                Cancel
              </button>
            </form>
          ) : step === 'removing' ? (
            <span className="row">
              <button type="button" className="danger" onClick={onRemove} disabled={pending}>
                Remove {m.name} from the pool
              </button>
              <button type="button" className="quiet" onClick={() => setStep('idle')}>
                Keep
              </button>
            </span>
          ) : (
            <span className="row">
              {m.paused ? (
                <button type="button" onClick={onResume} disabled={pending} aria-label={`Resume ${m.name}`}>
                  Resume
                </button>
              ) : (
                <button type="button" onClick={() => setStep('pausing')} disabled={pending} aria-label={`Pause ${m.name}`}>
                  Pause…
                </button>
              )}
              <button type="button" className="danger" onClick={() => setStep('removing')} disabled={pending} aria-label={`Remove ${m.name}`}>
                Remove…
              </button>
            </span>
          )}
        </td>
      )}
    </tr>
  );
}

type MemberField = 'email' | 'name' | 'password';
const MEMBER_FIELDS: Record<MemberField, FormField> = { email: { paths: ['email'] }, name: { paths: ['name'] }, password: { paths: ['password'] } };

/**
 * The server's "no user X; give a password to create them", in the form's words beside the e-mail:
 * the form creates them with "New person", and the generic advice for a 404 ("it may have been
 * removed, or it is not open to you") does not apply.
 */
function unknownPerson(error: { code: string; message: string }): { field: MemberField; words: string } | null {
  const unknown = error.code === 'not_found' ? /^no user (.+?); give a password to create them$/.exec(error.message) : null;
  return unknown ? { field: 'email', words: `Nobody has the e-mail ${unknown[1]} here yet. To create their account, tick “New person” and give their name and a password.` } : null;
}

/** `ownEmail`: the e-mail of a pool manager adding people, who may not change their own role here. */
function AddMember({ poolId, roles, ownEmail, onAdded }: { poolId: number; roles: MemberRole[]; ownEmail: string | null; onAdded(): void }) {
  const id = useId();
  const [form, setForm] = useState({ email: '', role: 'annotator' as MemberRole, isNew: false, name: '', password: '' });
  const isSelf = ownEmail !== null && form.email.trim().toLowerCase() === ownEmail.toLowerCase();
  const add = useMutation({
    mutationFn: () =>
      api('POST', `/api/v1/pools/${poolId}/members`, {
        email: form.email.trim(),
        role: form.role,
        ...(form.isNew ? { name: form.name.trim(), password: form.password } : {}),
      }),
    onSuccess: () => {
      setForm({ email: '', role: form.role, isNew: false, name: '', password: '' });
      onAdded();
    },
  });
  // A refusal about a field is said beside it; only what belongs to no field goes under the form.
  const refused = formRefusal(add.error, MEMBER_FIELDS, unknownPerson);
  const emailError = isSelf ? 'You run this pool: you cannot change your own role in it. Ask an admin or a manager.' : refused.fields.email;
  return (
    <form
      className="panel add-member"
      aria-label="Add a member"
      onSubmit={(e) => {
        e.preventDefault();
        if (!isSelf) add.mutate();
      }}
    >
      <h3>Add a member</h3>
      <div className="row wrap">
        <label htmlFor={`${id}-email`}>
          E-mail
          <input
            id={`${id}-email`}
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
            {...invalidProps(`${id}-email-error`, emailError)}
          />
          <FieldError id={`${id}-email-error`} text={emailError} />
        </label>
        <label htmlFor={`${id}-role`}>
          Role in the pool
          <select id={`${id}-role`} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as MemberRole })}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={form.isNew} onChange={(e) => setForm({ ...form, isNew: e.target.checked })} /> New person: create their account
        </label>
      </div>
      {form.isNew && (
        <div className="row wrap">
          <label htmlFor={`${id}-name`}>
            Name
            <input id={`${id}-name`} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...invalidProps(`${id}-name-error`, refused.fields.name)} />
            <FieldError id={`${id}-name-error`} text={refused.fields.name} />
          </label>
          <label htmlFor={`${id}-password`}>
            Password
            <input
              id={`${id}-password`}
              type="password"
              required
              minLength={8}
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
              {...invalidProps(`${id}-password-error`, refused.fields.password)}
            />
            <FieldError id={`${id}-password-error`} text={refused.fields.password} />
          </label>
        </div>
      )}
      {add.error && refused.rest && <ErrorNote error={add.error} />}
      {add.isSuccess && (
        <p className="note note-ok" role="status">
          Added.
        </p>
      )}
      <button type="submit" className="primary" disabled={add.isPending || isSelf}>
        Add to the pool
      </button>
    </form>
  );
}
