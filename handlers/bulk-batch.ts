/**
 * A bulk batch as the store keeps it: tracked operations of kind `bulk`, each a part of at most 50 rows (a step and
 * the command of each row), so that claiming or finishing a row rewrites one small document, never the whole file.
 * The first part's id is the batch's; it lists the parts and keeps who asked.
 */
import type { Command, RequestContext } from '../core/request';
import type { Runtime } from '../core/runtime';
import type { StepChange, StepState, TrackedOperation, TrackedStep } from '../store/tracked-operation';

/** A row as the batch keeps it: the command it runs (absent when the preview refused it). */
export interface BatchRowInput {
  row: number;
  action: string;
  user: string;
  customerId?: string;
  command?: Command;
}

export interface Batch {
  id: string;
  customerId: string;
  requestedBy: string;
  /** Who asked, as they asked (the job runs what is left as them). */
  requester?: RequestContext;
  /** Every row's step, in the file's order (`row:<n>`). */
  steps: TrackedStep[];
  rows: BatchRowInput[];
  /** The part (tracked operation id) that holds each step. */
  partOf: Map<string, string>;
}

export interface NewBatch {
  customerId: string;
  /** The file's name, or "pasted CSV". */
  name: string;
  requester: RequestContext;
  steps: TrackedStep[];
  rows: BatchRowInput[];
}

const rowsPerPart = 50;

export async function createBatch(runtime: Runtime, start: NewBatch): Promise<Batch> {
  const parts: TrackedOperation[] = [];
  for (let from = 0; from === 0 || from < start.steps.length; from += rowsPerPart) {
    const first = parts[0];
    parts.push(
      await runtime.store.trackedOperations.create({
        customerId: start.customerId,
        kind: 'bulk',
        upn: start.name,
        requestedBy: start.requester.identity,
        steps: start.steps.slice(from, from + rowsPerPart),
        input: {
          rows: start.rows.slice(from, from + rowsPerPart),
          ...(first ? { batchId: first.id } : { requester: start.requester }),
        },
      }),
    );
  }
  if (parts.length > 1) {
    await runtime.store.trackedOperations.mergeInput(parts[0]!.id, { parts: parts.map((part) => part.id) });
  }
  return (await readBatch(runtime, parts[0]!.id))!;
}

/** The batch `id` names (a part's id names its batch); undefined when it is no bulk batch. */
export async function readBatch(runtime: Runtime, id: string): Promise<Batch | undefined> {
  let first = await runtime.store.trackedOperations.get(id);
  if (first?.kind === 'bulk' && typeof first.input.batchId === 'string') {
    first = await runtime.store.trackedOperations.get(first.input.batchId);
  }
  if (first?.kind !== 'bulk') return undefined;
  const ids = (first.input.parts as string[] | undefined) ?? [first.id];
  const parts = await Promise.all(
    ids.map((part) => (part === first!.id ? first : runtime.store.trackedOperations.get(part))),
  );
  const partOf = new Map<string, string>();
  for (const part of parts) for (const step of part?.steps ?? []) partOf.set(step.key, part!.id);
  return {
    id: first.id,
    customerId: first.customerId,
    requestedBy: first.requestedBy,
    requester: first.input.requester as RequestContext | undefined,
    steps: parts.flatMap((part) => part?.steps ?? []),
    rows: parts.flatMap((part) => (part?.input.rows as BatchRowInput[] | undefined) ?? []),
    partOf,
  };
}

/** Changes a row's step, only from one of `from` when given; true when this call made the change. */
export async function setRowStep(
  runtime: Runtime,
  batch: Batch,
  key: string,
  change: StepChange,
  from?: readonly StepState[],
): Promise<boolean> {
  const part = batch.partOf.get(key);
  if (!part) return false;
  const changed = await runtime.store.trackedOperations.setStep(part, key, change, from);
  return changed?.won === true;
}
