/**
 * How far a long admin run is: a plan simulation (GET /admin/mlm/plan/simulate/progress/:key) or a
 * network import (GET /admin/mlm/imports/progress/:key). Written under the caller's `progress_key`.
 */
export type RunProgress = {
  key: string
  /** what the run is doing now: a simulation "replaying"; an import "checking", "customers", "distributors" */
  phase: string
  /** items of the phase done so far, of `total` (orders replayed; rows checked; customers created; distributors written) */
  done: number
  total: number
  /** done / total x 100, rounded down to a whole percent */
  percent: number
  started_at: string
  elapsed_ms: number
  /** the whole run is over (its answer is on its way) */
  finished: boolean
}
