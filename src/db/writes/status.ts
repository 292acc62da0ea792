// Moving a claim, relation or entity from one curation state to another, with its audit event:
// the one place that says which transitions review and retraction allow.
import { ConflictError } from '../../domain/errors.ts';
import { globalIdOf } from '../../domain/global-ids.ts';
import type { Write } from '../audit.ts';

/** How to lock and snapshot one kind of curated row. */
export interface StatusTarget<Row extends { status: string }> {
  type: 'Claim' | 'Relation' | 'Entity';
  table: 'claims' | 'relations' | 'entities';
  lock(write: Write, id: number, field: string): Promise<Row>;
  snapshot(write: Write, id: number): Promise<unknown>;
}

export interface Transition {
  action: string;
  /** The states the row may be in; any other is a ConflictError. */
  from: readonly string[];
  to: string;
  /** Why the current state cannot change, for the ConflictError. */
  refusal: (status: string) => string;
}

/** ACCEPT or REJECT a candidate. */
export const review = (action: string, accept: boolean): Transition => ({
  action,
  from: ['candidate'],
  to: accept ? 'curated' : 'rejected',
  refusal: (status) => `is ${status}, not a candidate awaiting review`,
});

/** Withdraw what was published or proposed; a rejected one was never published, so there is nothing to withdraw. */
export const retraction = (action: string): Transition => ({
  action,
  from: ['candidate', 'curated'],
  to: 'retracted',
  refusal: (status) => `is already ${status}`,
});

export async function changeStatus<Row extends { status: string }>(
  write: Write,
  target: StatusTarget<Row>,
  id: number,
  transition: Transition,
  reason: string | null,
): Promise<Row> {
  const current = await target.lock(write, id, 'input.id');
  if (!transition.from.includes(current.status)) {
    throw new ConflictError(`${target.type} ${globalIdOf(target.type, id)} ${transition.refusal(current.status)}.`);
  }
  const before = await target.snapshot(write, id);
  const row = (await write.trx
    .updateTable(target.table)
    .set({ status: transition.to })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()) as unknown as Row;
  const after = await target.snapshot(write, id);
  await write.audit({ action: transition.action, targetType: target.type, targetId: id, before, after, reason });
  return row;
}
