/**
 * A compensation plan as an admin writes it (POST /admin/mlm/plan): one type for the route's rules
 * (modules/commission/utils/plan.ts) and the admin's plan editor. No server imports here.
 */
export type PlanLevel = {
  level: number
  percent: number
  /** the level pays only a beneficiary whose rank at the order's time reaches this rank (by name) */
  min_rank?: string | null
}

/** Who is active: PV over the rolling window (the order's UTC day and the days before it) >= min_pv. */
export type PlanActivity = { min_pv: number; window_days: number }

/** One step of the rank ladder; the plan lists them lowest first. */
export type PlanRank = { name: string; min_pv: number; min_gv: number; min_active_legs: number }

export type PlanInput = {
  name?: string
  levels: PlanLevel[]
  max_payout_percent?: number
  hold_days?: number
  compression?: boolean
  retail_profit?: boolean
  activity?: PlanActivity
  ranks?: PlanRank[]
  /** per currency (lowercase ISO code): balances below it carry to the next payout run */
  min_payout?: Record<string, number>
}

/**
 * One saved plan version. `When` is how its timestamp travels: a Date in the server, an ISO string
 * in JSON (the admin's `Plan`).
 */
export type PlanVersion<When = string> = {
  id: string
  version: number
  name: string
  levels: PlanLevel[]
  max_payout_percent: number
  hold_days: number
  compression: boolean
  retail_profit: boolean
  activity: PlanActivity
  ranks: PlanRank[]
  /** per currency: balances below it carry to the next payout run */
  min_payout: Record<string, number>
  created_by: string | null
  created_at: When
}

/** What a distributor had at an order's moment: frozen in the order's lines (explanation.qualification). */
export type Qualification = {
  handle: string
  pv: number
  gv: number
  active_legs: number
  active: boolean
  rank: string | null
}

/** Why a distributor of the upline was passed over for a level. */
export type SkipReason =
  | { handle: string; reason: "inactive" | "terminated" }
  | { handle: string; reason: "not_active"; pv: number; min_pv: number }
  | { handle: string; reason: "rank_below"; rank: string | null; min_rank: string; level: number }
  | { handle: string; reason: "not_eligible"; note: string }

/** A distributor's volume as the store and the admin show it (window ending today). */
export type VolumeSummary = { window_days: number; pv: number; gv: number; active_legs: number; active: boolean }
export type RankSummary = { current: string | null; highest: string | null }
export type MonthlyVolume = { month: string; pv: number; gv: number }

/** A product's volume settings (GET|POST /admin/mlm/products/:id/volume). */
export type ProductVolume = { product_id: string; pv_per_unit: number; commissionable: boolean }
