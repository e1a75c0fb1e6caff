/**
 * A compensation plan as an admin writes it (POST /admin/mlm/plan): one type for the route's rules
 * (modules/commission/utils/plan.ts) and the admin's plan editor. No server imports here.
 */
export type PlanLevel = { level: number; percent: number }

export type PlanInput = {
  name?: string
  levels: PlanLevel[]
  max_payout_percent?: number
  hold_days?: number
  compression?: boolean
  retail_profit?: boolean
}
