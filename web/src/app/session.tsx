/**
 * Signing in and out, and the session running out: the sign-in page, the dialog that asks for the
 * password again over whatever screen was open (its calls wait and go through afterwards), and the
 * hooks the other screens read the signed-in person from.
 */
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { meQuery } from '../api/queries.ts';
import { sessionGate } from '../api/session-gate.ts';
import { ApiError, describeError } from '../api/errors.ts';
import type { User } from '../api/types.ts';
import { ErrorNote } from '../ui/feedback.tsx';
import { useModal } from '../ui/use-modal.ts';
import { homeOf } from './roles.ts';

export function useMe(): User | null {
  const me = useSuspenseQuery(meQuery).data;
  useEffect(() => {
    if (me) sessionGate.signedIn();
  }, [me]);
  return me;
}

export function useSignedInUser(): User {
  const me = useMe();
  if (!me) throw new Error('this screen needs a signed-in user');
  return me;
}

function useSignIn(onDone: (user: User) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: { email: string; password: string }) => api<{ user: User }>('POST', '/api/v1/auth/login', form),
    onSuccess: ({ user }) => {
      queryClient.setQueryData(meQuery.queryKey, user);
      sessionGate.signedIn();
      onDone(user);
    },
  });
}

function SignInForm({ email: fixedEmail, onDone, submitLabel }: { email?: string; onDone: (user: User) => void; submitLabel: string }) {
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const signIn = useSignIn(onDone);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="Sign in">
      <label htmlFor={`${id}-email`}>E-mail</label>
      <input
        id={`${id}-email`}
        type="email"
        autoComplete="username"
        required
        value={email}
        readOnly={fixedEmail !== undefined}
        onChange={(e) => setEmail(e.target.value)}
        autoFocus={fixedEmail === undefined}
      />
      <label htmlFor={`${id}-password`}>Password</label>
      <input
        id={`${id}-password`}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoFocus={fixedEmail !== undefined}
      />
      {/* A refused sign-in is not a session that ran out: the server's words say it all. */}
      {signIn.error && (signIn.error instanceof ApiError && signIn.error.code === 'unauthenticated' ? <div className="note note-error" role="alert">{describeError(signIn.error, { advice: false })}</div> : <ErrorNote error={signIn.error} />)}
      <button type="submit" className="primary" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : submitLabel}
      </button>
    </form>
  );
}

export function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <h1>
          <span className="brand-mark" aria-hidden="true" /> Atelier
        </h1>
        <p className="muted">Sign in to annotate, review and run labeling projects.</p>
        <SignInForm submitLabel="Sign in" onDone={(user) => navigate(from && from !== '/sign-in' ? from : homeOf(user.role), { replace: true })} />
      </div>
    </main>
  );
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api<null>('POST', '/api/v1/auth/logout'),
    onSettled: () => {
      sessionGate.signedOut();
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, null);
      navigate('/sign-in', { replace: true });
    },
  });
}

/** Shown over the open screen when the session ran out; the work under it waits, and is kept. */
export function SessionExpiredDialog({ email }: { email: string }) {
  const expired = useSyncExternalStore(
    (cb) => sessionGate.subscribe(cb),
    () => sessionGate.expired,
  );
  const dialog = useRef<HTMLDialogElement>(null);
  const signOut = useSignOut();
  useModal(dialog, expired);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="session-expired-title" onCancel={(e) => e.preventDefault()}>
      {expired && (
        <>
          <h2 id="session-expired-title">Your session has ended</h2>
          <p>Sign in again to carry on. Nothing is lost: your draft is kept and what you were sending goes through once you are back.</p>
          <SignInForm email={email} submitLabel="Sign in and continue" onDone={() => undefined} />
          <button type="button" className="link" onClick={() => signOut.mutate()}>
            Sign out instead
          </button>
        </>
      )}
    </dialog>
  );
}
