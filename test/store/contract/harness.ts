/**
 * The store contract suite's harness: each adapter's test file passes a way to open a fresh, empty store and to
 * reopen that same store after closing it. The suite never asks which adapter it has.
 */
import type { Clock } from '../../../common/clock';
import type { Store } from '../../../store/ports';

export interface OpenedStore {
  store: Store;
  /** Opens the same store again (the caller has closed `store` first). */
  reopen(): Promise<Store>;
}

export interface StoreHarness {
  /** Opens a new, empty store that reads time from `clock`. */
  openFresh(clock: Clock): Promise<OpenedStore>;
}

/** A clock the tests move by hand, so expiry and ordering need no sleeping. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start = new Date('2026-03-02T09:00:00.000Z')) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }
}

export interface ContractContext {
  /** The store open for the current test. */
  readonly store: Store;
  readonly clock: ManualClock;
  /** Closes the current store and opens the same one again; `store` is the reopened one afterwards. */
  restart(): Promise<Store>;
}

/** Opens a fresh store before each test and closes it after; returns the context the contract files use. */
export function useFreshStore(harness: StoreHarness): ContractContext {
  let opened: OpenedStore | undefined;
  let current: Store | undefined;
  let clock = new ManualClock();
  beforeEach(async () => {
    clock = new ManualClock();
    opened = await harness.openFresh(clock);
    current = opened.store;
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get store() {
      if (!current) throw new Error('No store is open: use the context inside a test.');
      return current;
    },
    get clock() {
      return clock;
    },
    async restart() {
      if (!opened || !current) throw new Error('No store is open: use the context inside a test.');
      await current.close();
      current = undefined;
      current = await opened.reopen();
      return current;
    },
  };
}

/** Runs `count` calls at once and returns their results in order. */
export function inParallel<T>(count: number, call: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => call(index)));
}

/** The StoreError code a promise rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? `uncoded: ${String(error)}`;
  }
  return 'resolved';
}
