/**
 * The admin API's response shapes (API.md, "Admin"), one type per concept, shared by the admin pages
 * and widgets. No server imports: the admin bundle imports this file.
 */
import type { PayoutSkipReason, PayoutStatus } from "./payout"
import type { CommissionLine, CommissionTotals, LedgerTotal } from "./commission-line"
import type { MonthlyVolume, PlanVersion, RankSummary, VolumeSummary } from "./plan"
export type { PlanInput, PlanLevel, PlanActivity, PlanRank, ProductVolume, MonthlyVolume, VolumeSummary, RankSummary } from "./plan"

export type DistributorStatus = "active" | "inactive" | "terminated"

export type DistributorRef = { id: string; handle: string; display_name: string }

/** A row of the admin distributor list (and of a frontline page). */
export type AdminDistributor = DistributorRef & {
  status: DistributorStatus
  store_url: string
  customer_id: string
  sponsor_id: string | null
  sponsor: DistributorRef | null
  depth: number
  enrolled_at: string
  created_at: string
  updated_at: string
  frontline_count: number
  downline_count: number
}

export type SiteField = "bio" | "avatar_url" | "contact"

export type AdminDistributorDetail = Omit<AdminDistributor, "frontline_count" | "downline_count"> & {
  customer: { id: string; email: string; first_name: string | null; last_name: string | null } | null
  site: {
    bio: string | null
    avatar_url: string | null
    contact: string | null
    featured_product_ids: string[]
    hidden_fields: SiteField[]
  }
  upline: (DistributorRef & { status: DistributorStatus; level: number })[]
  frontline_count: number
  downline_count: number
  totals: CommissionTotals
  volume: VolumeSummary
  rank: RankSummary
  /** the last 12 calendar months with volume, newest first */
  monthly_volume: MonthlyVolume[]
}

export type DistributorList = {
  distributors: AdminDistributor[]
  count: number
  count_capped?: boolean
  limit: number
  offset: number
}

export type Plan = PlanVersion<string>

/** The member price list's settings and state (GET/POST /admin/mlm/wholesale). */
export type Wholesale = { wholesale: { discount_percent: number; price_count: number; refreshed_at: string } | null }

export type LedgerPage = {
  commissions: CommissionLine[]
  count: number
  limit: number
  offset: number
  totals: LedgerTotal[]
}

export type LedgerFilters = {
  status?: string
  kind?: string
  currency_code?: string
  distributor_id?: string
  distributor_handle?: string
  order_id?: string
  payout_id?: string
  from?: string
  to?: string
}

export type ApproveResult = {
  approved_ids: string[]
  count: number
  /** `awaiting_fulfilment`: of `count`, lines whose order is not fulfilled yet (they have no maturity) */
  held: { count: number; awaiting_fulfilment: number; next_hold_until: string | null; last_hold_until: string | null }
}

export type Payout = {
  id: string
  distributor_id: string
  distributor: DistributorRef | null
  currency_code: string
  amount: number
  line_count: number
  status: PayoutStatus
  provider: string
  run_id: string | null
  idempotency_key: string
  retry_of: string | null
  reference: string | null
  message: string | null
  created_by: string | null
  created_at: string
  sent_at: string | null
  paid_at: string | null
  failed_at: string | null
}

export type PayoutList = { payouts: Payout[]; count: number; limit: number; offset: number }

export type PayoutPreview = {
  preview: {
    currency_code: string
    total: number
    payouts: { distributor: DistributorRef; amount: number; line_count: number; provider: string }[]
    carried: { distributor: DistributorRef; balance: number; reason: PayoutSkipReason; note: string }[]
  }
  currencies: string[]
}

export type PayoutRunResult = {
  run_id: string
  payouts: Omit<Payout, "distributor">[]
  carried: { distributor_id: string; balance: number; reason: PayoutSkipReason; note: string }[]
}

export type OrderAttribution = {
  order_id: string
  cart_id: string | null
  customer_id: string | null
  distributor: DistributorRef
  source: string
  referral_handle: string | null
  corrected_by: string | null
  corrected_at: string | null
  /** each admin correction: when, by whom (user id), why, and the credit before and after */
  history: {
    at: string
    by: string
    reason: string | null
    from: { distributor_id: string; source: string } | null
    to: { distributor_id: string; source: string }
  }[]
  created_at: string
}

export type OrderCommissions = {
  run: {
    order_id: string
    attributed_distributor_id: string
    attribution_source: string
    plan_version: number | null
    currency_code: string
    original_basis: number
    basis: number
    plan_amount: number
    paid_amount: number
    breakage: number
    beneficiaries: string[]
    settlements: number
    settled_at: string | null
  } | null
  commissions: CommissionLine[]
}
