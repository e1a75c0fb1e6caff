import type { PlanLevel } from "../utils/plan"

export type CommissionStatus = "pending" | "approved" | "paid" | "reversed"
export type CommissionKind = "commission" | "clawback" | "retail_profit"

export interface CommissionPlanDTO {
  id: string
  version: number
  name: string
  levels: PlanLevel[]
  max_payout_percent: number
  hold_days: number
  compression: boolean
  retail_profit: boolean
  created_by: string | null
  created_at: Date
}

export interface CommissionLineDTO {
  id: string
  order_id: string
  run_id: string
  distributor_id: string
  distributor_handle: string
  source_distributor_id: string
  level: number
  kind: CommissionKind
  adjustment_key: string
  reverses_line_id: string | null
  basis: string
  percent: string
  amount: string
  currency_code: string
  status: CommissionStatus
  plan_version: number | null
  explanation: Record<string, any>
  hold_until: Date
  approved_at: Date | null
  paid_at: Date | null
  reversed_at: Date | null
  payout_id: string | null
  created_at: Date
}

export interface NewCommissionLine {
  distributor_id: string
  distributor_handle: string
  level: number
  kind: CommissionKind
  basis: string
  percent: string
  amount: string
  explanation: Record<string, any>
}

export interface NewCommissionRun {
  order_id: string
  attributed_distributor_id: string
  attribution_source: string
  plan_id: string | null
  plan_version: number | null
  hold_days: number
  currency_code: string
  basis: string
  plan_amount: string
  paid_amount: string
  breakage: string
  explanation: Record<string, any>
  lines: NewCommissionLine[]
}

export interface PayoutDTO {
  id: string
  distributor_id: string
  currency_code: string
  amount: string
  line_count: number
  created_by: string | null
  created_at: Date
}
