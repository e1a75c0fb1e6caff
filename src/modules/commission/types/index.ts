import type { PlanLevel } from "../utils/plan"
import type { PlanVersion } from "../../../types/plan"
import type { VolumeRate } from "../utils/qualification"
import type { Beneficiary } from "../utils/compute-commission-lines"
import type { Earning } from "../utils/settlement"
import type { PayoutStatus } from "../../../types/payout"

export type CommissionStatus = "pending" | "approved" | "paid" | "reversed"
export type CommissionKind = "commission" | "clawback" | "retail_profit" | "adjustment"

export type CommissionPlanDTO = PlanVersion<Date>

export interface CommissionLineDTO {
  id: string
  order_id: string
  run_id: string
  distributor_id: string
  distributor_handle: string
  source_distributor_id: string
  level: number
  kind: CommissionKind
  earning: Earning
  adjustment_key: string
  reverses_line_id: string | null
  basis: string
  percent: string
  amount: string
  currency_code: string
  status: CommissionStatus
  plan_version: number | null
  explanation: Record<string, any>
  hold_until: Date | null
  approved_at: Date | null
  paid_at: Date | null
  reversed_at: Date | null
  payout_id: string | null
  created_at: Date
}

/** A ledger line to insert: everything but the generated id, the timestamps and the raw_* columns. */
export interface NewLedgerRow {
  order_id: string
  run_id: string
  distributor_id: string
  distributor_handle: string
  source_distributor_id: string
  level: number
  kind: CommissionKind
  earning: Earning
  adjustment_key: string
  basis: string
  percent: string
  amount: string
  currency_code: string
  status: "pending" | "approved"
  plan_version: number | null
  explanation: Record<string, any>
  hold_until: Date | null
}

/** An order's settlement snapshot (frozen rates and beneficiaries) and its latest settlement. */
export interface SettlementRunDTO {
  id: string
  order_id: string
  attributed_distributor_id: string
  attribution_source: string
  plan_id: string | null
  plan_version: number | null
  currency_code: string
  /** when the order was placed (null only on a snapshot whose order time was never known) */
  placed_at: Date | null
  levels: PlanLevel[]
  compression: boolean
  retail_profit: boolean
  hold_days: number
  chain: Beneficiary[]
  /** member unit price per variant, frozen when first seen; null: no retail profit on this order */
  member_prices: Record<string, string> | null
  /** the order's volume: null on snapshots older than volumes (their PV was never counted) */
  volume: OrderVolumeSnapshot | null
  /** the activity minimum and rank names the chain's qualifications were frozen with */
  rules: { min_pv: number; window_days: number; ranks: string[] } | null
  original_basis: string
  basis: string
  plan_amount: string
  paid_amount: string
  breakage: string
  settle_count: number
  settled_at: Date | null
  /** the order's updated_at the latest settlement written computed from (null on older snapshots) */
  order_updated_at: Date | null
  explanation: Record<string, any>
  created_at: Date
}

export type SettlementRunInput = Omit<SettlementRunDTO, "id" | "created_at" | "settled_at">

export interface PayoutDTO {
  id: string
  distributor_id: string
  currency_code: string
  amount: string
  line_count: number
  created_by: string | null
  status: PayoutStatus
  provider_id: string
  run_id: string | null
  idempotency_key: string
  retry_of: string | null
  reference: string | null
  message: string | null
  line_ids: string[]
  details: Record<string, unknown>
  sent_at: Date | null
  paid_at: Date | null
  failed_at: Date | null
  created_at: Date
}

/** Whose volume an order is, on which UTC day, the PV applied so far and the frozen product settings. */
export interface OrderVolumeSnapshot {
  distributor_id: string
  day: number
  pv: string
  rates: Record<string, VolumeRate>
}

export interface ProductVolumeDTO {
  id: string
  product_id: string
  pv_per_unit: string
  commissionable: boolean
}
