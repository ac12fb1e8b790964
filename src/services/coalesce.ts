/**
 * Group commit for the hot path. Requests of the same kind that arrive in the same turn of the event
 * loop, or while one batch of them is with the database, go together as one batch: under load the
 * database does one piece of work for many requests, and a lone request goes alone, delayed by no
 * timer (only to the end of the current turn).
 */

export interface CoalescerOptions<In, Out> {
  /** Requests with the same key may go together. */
  key(input: In): string;
  /** Requests that must not share a batch (the same annotator twice): the later one waits. */
  identity?(input: In): string | number;
  /** Runs a lone request. */
  one(input: In): Promise<Out>;
  /** Runs a batch; an Error in the answer fails that request alone. */
  many(inputs: In[]): Promise<(Out | Error)[]>;
  maxBatch: number;
}

/** A batch's answer for one request that failed: an Error whatever was thrown. */
export const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export interface Coalescer<In, Out> {
  run(input: In): Promise<Out>;
  /** How many batches of more than one request went, and how many requests they carried. */
  readonly batches: number;
  readonly batched: number;
}

interface Waiting<In, Out> {
  input: In;
  resolve(out: Out): void;
  reject(error: unknown): void;
}

export function createCoalescer<In, Out>(options: CoalescerOptions<In, Out>): Coalescer<In, Out> {
  const queues = new Map<string, Waiting<In, Out>[]>();
  // One batch per key with the database at a time: while it is there, the next one gathers.
  const busy = new Set<string>();
  let batches = 0;
  let batched = 0;

  function takeBatch(queue: Waiting<In, Out>[]): Waiting<In, Out>[] {
    const batch: Waiting<In, Out>[] = [];
    const seen = new Set<string | number>();
    for (let i = 0; i < queue.length && batch.length < options.maxBatch; ) {
      const id = options.identity?.(queue[i]!.input);
      if (id !== undefined && seen.has(id)) {
        i++;
        continue;
      }
      if (id !== undefined) seen.add(id);
      batch.push(queue.splice(i, 1)[0]!);
    }
    return batch;
  }

  async function drain(key: string): Promise<void> {
    try {
      for (;;) {
        const queue = queues.get(key);
        if (!queue || queue.length === 0) return;
        const batch = takeBatch(queue);
        if (batch.length === 1) {
          const [w] = batch;
          await options.one(w!.input).then(w!.resolve, w!.reject);
          continue;
        }
        batches++;
        batched += batch.length;
        try {
          const outs = await options.many(batch.map((w) => w.input));
          batch.forEach((w, i) => {
            const out = outs[i];
            if (out instanceof Error) w.reject(out);
            else w.resolve(out as Out);
          });
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      busy.delete(key);
      queues.delete(key);
    }
  }

  return {
    get batches() {
      return batches;
    },
    get batched() {
      return batched;
    },
    run(input) {
      return new Promise<Out>((resolve, reject) => {
        const key = options.key(input);
        const queue = queues.get(key) ?? [];
        queue.push({ input, resolve, reject });
        queues.set(key, queue);
        if (busy.has(key)) return;
        // Requests read from the network in the same turn of the event loop go together: on the
        // embedded database a statement runs in this thread, so nothing else arrives during one.
        busy.add(key);
        setImmediate(() => void drain(key));
      });
    },
  };
}
