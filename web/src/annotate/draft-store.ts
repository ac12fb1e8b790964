/**
 * Drafts kept in the browser while a task is worked on, so that nothing is lost to a closed tab,
 * a reload or a session that ran out: the task's draft, the time spent so far and the client token
 * of its submission (a submit retried after signing in again is then stored once).
 */
import type { Draft } from './draft.ts';

export interface StoredDraft {
  taskId: number;
  projectId: number;
  draft: Draft;
  elapsedMs: number;
  clientToken: string;
  savedAt: number;
}

/** The part of the Web Storage API used here, so tests can pass a Map-backed one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

const PREFIX = 'atelier:draft:';
/** Leases last minutes to hours; a draft older than a week is of no task anyone still holds. */
export const DRAFT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export class DraftStore {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly userId: number,
  ) {}

  private key(taskId: number): string {
    return `${PREFIX}${this.userId}:${taskId}`;
  }

  save(entry: StoredDraft): void {
    try {
      this.storage.setItem(this.key(entry.taskId), JSON.stringify(entry));
    } catch {
      // A full or disabled storage must not stop the work; the draft is still on the page.
    }
  }

  load(taskId: number): StoredDraft | null {
    const raw = this.storage.getItem(this.key(taskId));
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as StoredDraft;
      if (parsed.taskId !== taskId || typeof parsed.clientToken !== 'string' || !parsed.draft) return null;
      return parsed;
    } catch {
      return null;
    }
  }

  drop(taskId: number): void {
    this.storage.removeItem(this.key(taskId));
  }

  /** Removes drafts older than `maxAgeMs` (of any user of this browser). Returns how many. */
  prune(now: number, maxAgeMs = DRAFT_MAX_AGE_MS): number {
    const stale: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      try {
        const savedAt = (JSON.parse(this.storage.getItem(key) ?? '{}') as { savedAt?: number }).savedAt ?? 0;
        if (now - savedAt > maxAgeMs) stale.push(key);
      } catch {
        stale.push(key);
      }
    }
    for (const key of stale) this.storage.removeItem(key);
    return stale.length;
  }
}

export function newClientToken(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `t${Date.now()}${Math.random().toString(36).slice(2)}`;
}
