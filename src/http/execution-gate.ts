// At most `limit` operations execute at once; the others wait their turn in arrival order. An executing
// operation keeps its rows and partial results alive: past a few at once, more of them in flight do not
// finish sooner, they only give the garbage collector more live data to copy on every collection.
// A request cancelled while it waits (timeout, client gone, shutdown) leaves the queue and executes at
// once: its statements are refused, so it answers with its cancellation error without delay.
import type { Plugin } from 'graphql-yoga';
import { currentQueryScope } from '../db/query-scope.ts';

export class ExecutionGate {
  private running = 0;
  private readonly waiting = new Set<() => void>();

  constructor(readonly limit: number) {}

  /** Operations waiting for a slot (for /metrics and tests). */
  get queued(): number {
    return this.waiting.size;
  }

  async run<T>(work: () => T | Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.acquire(signal);
    try {
      return await work();
    } finally {
      if (slot) this.release();
    }
  }

  /** Resolves true holding a slot, or false when the signal fired first (no slot taken). */
  private acquire(signal: AbortSignal | undefined): Promise<boolean> {
    if (this.running < this.limit) {
      this.running += 1;
      return Promise.resolve(true);
    }
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const granted = () => {
        signal?.removeEventListener('abort', cancelled);
        resolve(true);
      };
      const cancelled = () => {
        this.waiting.delete(granted);
        resolve(false);
      };
      this.waiting.add(granted);
      signal?.addEventListener('abort', cancelled, { once: true });
    });
  }

  // The slot passes straight to the longest waiter, so `running` counts the slots in use.
  private release(): void {
    const next = this.waiting.values().next();
    if (next.done) {
      this.running -= 1;
      return;
    }
    this.waiting.delete(next.value);
    next.value();
  }
}

export function executionGate(gate: ExecutionGate): Plugin {
  return {
    instrumentation: {
      execute: (_payload, wrapped) => gate.run(wrapped, currentQueryScope()?.signal),
    },
  };
}
