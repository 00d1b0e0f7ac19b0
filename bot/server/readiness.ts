/**
 * Whether this replica is ready for traffic, besides its store being reachable (GET /readyz): the sync schedules
 * are loaded once the background work has read every customer's schedule. Liveness (GET /healthz) does not wait
 * for this.
 */
export interface Readiness {
  readonly schedulesLoaded: boolean;
  markSchedulesLoaded(): void;
}

export function createReadiness(): Readiness {
  let schedulesLoaded = false;
  return {
    get schedulesLoaded() {
      return schedulesLoaded;
    },
    markSchedulesLoaded() {
      schedulesLoaded = true;
    },
  };
}
