/** Small pieces every screen uses: an error in words (under a form, or beside its field), a loading line, an empty state. */
import type { ReactNode } from 'react';
import { describeError } from '../api/errors.ts';
import { ApiError } from '../api/errors.ts';

export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="note note-error" role="alert">
      {title && <strong>{title} </strong>}
      {describeError(error)}
      {issues.length > 1 && (
        <ul>
          {issues.slice(0, 20).map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A refusal said beside its field (form-errors.ts), which points at it with `aria-describedby`. */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {text}
    </span>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children && <div className="page-actions">{children}</div>}
    </header>
  );
}
