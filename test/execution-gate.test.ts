// The execution gate: at most N operations execute at once, in arrival order; a cancelled waiter
// leaves the queue; a failure frees its slot. Then through the app: with one slot, two concurrent
// walks run one after the other (their statements do not interleave); with more, they interleave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionGate } from '../src/http/execution-gate.ts';
import { createTestApp, type TestApp } from './support/app.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ExecutionGate', () => {
  it('runs at most `limit` at once, the rest in arrival order', async () => {
    const gate = new ExecutionGate(2);
    const started: number[] = [];
    const finish = [0, 1, 2, 3, 4].map(() => deferred());
    const runs = finish.map((d, i) => gate.run(async () => { started.push(i); await d.promise; return i; }));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.queued).toBe(3);
    finish[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    finish[0]!.resolve();
    finish[2]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    finish[3]!.resolve();
    finish[4]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(gate.queued).toBe(0);
  });

  it('a failing operation frees its slot', async () => {
    const gate = new ExecutionGate(1);
    await expect(gate.run(() => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(gate.run(async () => { throw new Error('later boom'); })).rejects.toThrow('later boom');
    expect(await gate.run(() => 'ran')).toBe('ran');
  });

  it('a waiter whose request is cancelled leaves the queue and runs at once, taking no slot', async () => {
    const gate = new ExecutionGate(1);
    const holder = deferred();
    const held = gate.run(() => holder.promise);
    const controller = new AbortController();
    let cancelledRan = false;
    const cancelled = gate.run(() => { cancelledRan = true; }, controller.signal);
    const next = deferred();
    let nextRan = false;
    const after = gate.run(async () => { nextRan = true; await next.promise; });
    await tick();
    expect([cancelledRan, nextRan, gate.queued]).toEqual([false, false, 2]);
    controller.abort();
    await cancelled;
    expect([cancelledRan, nextRan, gate.queued]).toEqual([true, false, 1]);
    holder.resolve();
    await held;
    await tick();
    expect(nextRan).toBe(true);
    next.resolve();
    await after;
    // The cancelled run took no slot: one slot, free again.
    let ranAlone = false;
    await gate.run(() => { ranAlone = true; });
    expect(ranAlone).toBe(true);
  });
});

// totalCount makes each level a statement of its own (without it the walk is a single statement).
const WALK = `{
  entities(kind: COMPANY, first: 5) { edges { node { name
    relations(first: 5) { totalCount edges { node { kind object { name claims(first: 3) { totalCount edges { node { metric
      subjects { entity { name } } citations { quote article { title } } } } } } } } }
  } } }
}`;

/** Sends the walk twice at once; both must answer the same data. app.statements then holds both walks' statements. */
async function twoConcurrentWalks(app: TestApp): Promise<void> {
  app.resetStatements();
  const [a, b] = await Promise.all([app.graphql(WALK), app.graphql(WALK)]);
  expect(a.errors).toBeUndefined();
  expect(b.data).toEqual(a.data);
}

describe.each([
  { slots: 1, interleaved: false },
  { slots: 8, interleaved: true },
])('two concurrent walks with EXECUTION_CONCURRENCY=$slots', ({ slots, interleaved }) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ corpus: true, env: { EXECUTION_CONCURRENCY: String(slots) } });
  });
  afterAll(() => app?.close());

  it(interleaved ? 'can interleave their statements' : 'run one after the other', async () => {
    // Each walk issues the same statements; the root list statement opens each walk. With one slot the
    // second root always follows the first walk's last statement. With eight, interleaving depends on
    // scheduling (one walk may finish before the other reaches execution), so a few tries are allowed
    // and one interleaved pair proves the gate lets walks overlap.
    const rootPositions = async () => {
      await twoConcurrentWalks(app);
      const single = app.statements.length / 2;
      const roots = app.statements.flatMap((sql, i) => (/from "entities"/.test(sql) && /order by entities\.name/.test(sql) ? [i] : []));
      expect(roots).toHaveLength(2);
      return { roots, single };
    };
    if (!interleaved) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const { roots, single } = await rootPositions();
        expect(roots).toEqual([0, single]);
      }
      return;
    }
    let overlapped = false;
    for (let attempt = 0; attempt < 10 && !overlapped; attempt++) {
      const { roots, single } = await rootPositions();
      overlapped = roots[1]! < single;
    }
    expect(overlapped).toBe(true);
  });
});
