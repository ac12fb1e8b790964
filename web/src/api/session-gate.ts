/**
 * What happens when the session runs out in the middle of work: calls that come back
 * "unauthenticated" wait here until the person signs in again, then are sent again. Nothing the
 * annotator was doing is thrown away, and a submit that failed for that reason goes through after
 * signing in (its client token keeps it from being stored twice).
 */
export type GateListener = (expired: boolean) => void;

export class SessionGate {
  private waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private listeners = new Set<GateListener>();
  private expiredNow = false;
  /** True once somebody has signed in on this page: only then is a 401 an expiry, not a first visit. */
  private hadSession = false;

  get expired(): boolean {
    return this.expiredNow;
  }

  signedIn(): void {
    this.hadSession = true;
    if (!this.expiredNow) return;
    this.expiredNow = false;
    const waiting = this.waiting.splice(0);
    for (const w of waiting) w.resolve();
    this.emit();
  }

  /** The person signed out on purpose: calls waiting for a new session fail instead. */
  signedOut(): void {
    this.hadSession = false;
    this.expiredNow = false;
    const waiting = this.waiting.splice(0);
    for (const w of waiting) w.reject(new Error('signed out'));
    this.emit();
  }

  /**
   * Called on a 401. Resolves when signed in again (the caller retries), or returns false at once
   * when there was no session to lose (the caller reports the 401 as it is).
   */
  waitForSignIn(): Promise<void> | false {
    if (!this.hadSession) return false;
    if (!this.expiredNow) {
      this.expiredNow = true;
      this.emit();
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  subscribe(listener: GateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l(this.expiredNow);
  }
}

export const sessionGate = new SessionGate();
