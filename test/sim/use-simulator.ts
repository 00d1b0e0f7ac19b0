/**
 * The simulator a test file talks to: started with its default seed before the file's tests (or before each test,
 * for tests that need a fresh tenant), closed after them, with any faults cleared after each test. Jest hooks are
 * registered where this is called, so call it at the top level of a test file.
 */
import { startSimulator } from '../../sim/index';
import type { RunningSimulator } from '../../sim/types';
import { contosoId, type GraphCall, graphFor } from './sim-requests';

export interface SimulatorInUse {
  /** The running simulator; read it inside tests and hooks, not at the top level. */
  readonly simulator: RunningSimulator;
  /** Graph calls as the app, in the contoso tenant, to the running simulator. */
  graph: GraphCall;
}

export function useSimulator(options: { freshForEachTest?: boolean } = {}): SimulatorInUse {
  let simulator: RunningSimulator | undefined;
  let contoso: GraphCall | undefined;
  const start = async () => {
    simulator = await startSimulator();
    contoso = await graphFor(simulator, contosoId);
  };
  const stop = async () => {
    await simulator?.close();
  };
  if (options.freshForEachTest) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterEach(() => simulator?.control.clearFaults());
    afterAll(stop);
  }
  return {
    get simulator() {
      if (!simulator) throw new Error('The simulator is read before it was started; read it inside a test.');
      return simulator;
    },
    graph: (...args) => {
      if (!contoso) throw new Error('Graph is called before the simulator was started; call it inside a test.');
      return contoso(...args);
    },
  };
}
