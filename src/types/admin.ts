/**
 * The admin API's response shapes (API.md, "Admin"), one type per concept, shared by the admin pages
 * and widgets. No server imports: the admin bundle imports this file.
 */
import type { PayoutSkipReason, PayoutStatus } from "./payout"
import type { CommissionLine, CommissionTotals, LedgerTotal } from "./commission-line"
import type { MonthlyVolume, PlanLevel, PlanVersion, ProductVolume, RankSummary, VolumeSummary } from "./plan"
import type { IncomeDisclosure, Simulation } from "./simulation"
import type { RunProgress } from "./progress"
export type { JsonOf } from "./json"
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

/** How a distributor's page says to reach them (each part optional). */
export type SiteContact = { email?: string; phone?: string; url?: string }

export type AdminDistributorDetail = Omit<AdminDistributor, "frontline_count" | "downline_count"> & {
  customer: { id: string; email: string; first_name: string | null; last_name: string | null } | null
  site: {
    bio: string | null
    avatar_url: string | null
    contact: SiteContact | null
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
export type Wholesale = {
  wholesale: {
    discount_percent: number
    price_list_id: string | null
    member_group_id: string | null
    price_count: number
    /** when the member prices were last rebuilt; null before the first rebuild */
    refreshed_at: string | null
  } | null
}

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

/** A distributor as a payout preview names them: handle and name are null once the distributor is gone. */
export type PreviewDistributor = DistributorRef | { id: string; handle: null; display_name: null }

export type PayoutPreview = {
  preview: {
    currency_code: string
    total: number
    payouts: { distributor: PreviewDistributor; amount: number; line_count: number; provider: string }[]
    carried: { distributor: PreviewDistributor; balance: number; reason: PayoutSkipReason; note: string }[]
  }
  currencies: string[]
}

export type PayoutRunResult = {
  run_id: string
  payouts: Omit<Payout, "distributor">[]
  carried: { distributor_id: string; balance: number; reason: PayoutSkipReason; note: string }[]
}

/** An admin's correction of an order's attribution: when, by whom (user id), why, and the credit before and after. */
export type AttributionCorrection = {
  at: string
  by: string
  reason: string | null
  from: { distributor_id: string; source: string } | null
  to: { distributor_id: string; source: string }
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
  history: AttributionCorrection[]
  created_at: string
}

export type OrderCommissions = {
  run: {
    order_id: string
    attributed_distributor_id: string
    attribution_source: string
    plan_version: number | null
    /** the frozen rates and rules of the order's plan version */
    levels: PlanLevel[]
    compression: boolean
    hold_days: number
    currency_code: string
    original_basis: number
    basis: number
    plan_amount: number
    paid_amount: number
    breakage: number
    beneficiaries: string[]
    /** the settlement's own explanation (upline, skips, corrections, qualification) */
    explanation: Record<string, unknown>
    /** the order's PV now, whose volume it is and the UTC day it counts on */
    volume: { distributor_id: string; day: string; pv: number } | null
    settlements: number
    settled_at: string | null
    created_at: string
  } | null
  commissions: CommissionLine[]
}

/** The responses that wrap one of the types above, by route (API.md, "Admin"). */
export type DistributorResponse = { distributor: AdminDistributorDetail }
export type SponsorChangeResponse = DistributorResponse & { moved: number }
/** The active plan (GET; null before the first version) and a saved version (POST). */
export type ActivePlanResponse = { plan: Plan | null }
export type PlanResponse = { plan: Plan }
export type PlanVersions = { versions: Plan[] }
/** A payout as a status change or a retry answers it (without the distributor's name). */
export type PayoutResponse = { payout: Omit<Payout, "distributor"> }
/** An order's attribution (GET; null when it is credited to nobody) and an admin's correction (POST). */
export type AttributionResponse = { attribution: OrderAttribution | null }
export type CorrectedAttributionResponse = { attribution: OrderAttribution }
export type ProductVolumeResponse = { product_volume: ProductVolume }
export type SimulationResponse = { simulation: Simulation }
export type IncomeDisclosureResponse = { report: IncomeDisclosure }
export type ProgressResponse = { progress: RunProgress }
