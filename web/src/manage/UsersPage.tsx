/** /users — people and their roles; admins add people, change roles and disable accounts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { usersQuery } from '../api/queries.ts';
import type { Role, User } from '../api/types.ts';
import { canManageUsers } from '../app/roles.ts';
import { useSignedInUser } from '../app/session.tsx';
import { ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';

const ROLES: Role[] = ['annotator', 'reviewer', 'manager', 'admin', 'auditor'];

export default function UsersPage() {
  const me = useSignedInUser();
  const users = useQuery(usersQuery);
  const queryClient = useQueryClient();
  const admin = canManageUsers(me.role);
  const change = useMutation({
    mutationFn: ({ user, patch }: { user: User; patch: Partial<Pick<User, 'role' | 'disabled'>> }) => api<User>('PATCH', `/api/v1/users/${user.id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQuery.queryKey }),
  });
  return (
    <main className="page">
      <PageHeader title="Users and roles" />
      {!admin && <p className="muted">Only administrators change roles and add people.</p>}
      {users.isPending && <Loading what="users" />}
      {users.isError && <ErrorNote error={users.error} />}
      {change.error && <ErrorNote error={change.error} />}
      {users.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id} className={u.disabled ? 'disabled' : undefined}>
                <th scope="row">{u.name}</th>
                <td>{u.email}</td>
                <td>
                  {admin && u.id !== me.id ? (
                    <select aria-label={`Role of ${u.name}`} value={u.role} onChange={(e) => change.mutate({ user: u, patch: { role: e.target.value as Role } })}>
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  ) : (
                    u.role
                  )}
                </td>
                <td>
                  {admin && u.id !== me.id ? (
                    <button type="button" className="quiet" onClick={() => change.mutate({ user: u, patch: { disabled: !u.disabled } })}>
                      {u.disabled ? 'Disabled — enable' : 'Active — disable'}
                    </button>
                  ) : u.disabled ? (
                    'disabled'
                  ) : (
                    'active'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin && <AddUser />}
    </main>
  );
}

function AddUser() {
  const id = useId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: '', name: '', role: 'annotator' as Role, password: '' });
  const add = useMutation({
    mutationFn: () => api<User>('POST', '/api/v1/users', form),
    onSuccess: () => {
      setForm({ email: '', name: '', role: 'annotator', password: '' });
      void queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a person</h2>
      <form className="row wrap" onSubmit={submit}>
        <label>
          E-mail
          <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <label>
          Name
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          First password
          <input type="password" autoComplete="new-password" required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </label>
        <button type="submit" className="primary" disabled={add.isPending}>
          Add
        </button>
      </form>
      {add.error && <ErrorNote error={add.error} />}
      {add.isSuccess && <p className="note note-ok" role="status">{add.data.name} can now sign in.</p>}
    </section>
  );
}
