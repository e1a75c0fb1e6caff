/**
 * The plan simulator (POST /admin/mlm/plan/simulate) and the income disclosure
 * (GET /admin/mlm/reports/income-disclosure): one type per answer, shared by the routes and the admin.
 * Amounts are numbers in major units, each exact (rounded to the currency's minor unit where stated).
 */

/** What one plan pays on the simulated orders. */
export type SimulationSide = {
  /** the plan version that paid (actual on history: every version seen), or "draft" */
  plan: string
  orders: number
  /** the orders' commission basis now (item subtotals after discounts and refunds, no tax or shipping) */
  revenue: number
  /** everything the lines hold: commissions, retail profit, adjustments, clawbacks netted */
  payout: number
  /** payout / revenue x 100, rounded half-up to 2 decimals */
  payout_percent: number
  per_level: { level: number; amount: number }[]
  /** of the payout, what level 1 earns as retail profit instead of its percent */
  retail_profit: number
  /** what the plan's percents would pay but nobody earns (top of tree, compression, rounding) */
  breakage: number
  /** distributors earning more than 0 */
  earners: number
  /** over the earners, nearest rank (README) */
  percentiles: { p50: number | null; p90: number | null; p99: number | null; max: number | null }
  /** the draft: the distributors whose earnings move most from the actual (10 up, 10 down); the actual, the baseline: none */
  top_changes: { up: EarningsChange[]; down: EarningsChange[] }
}

export type EarningsChange = { distributor_id: string; handle: string; actual: number; draft: number; change: number }

export type SimulationWarning = {
  code: "over_cap" | "over_share" | "retail_profit_unknown" | "window_changed" | "no_qualification"
  message: string
}

export type Simulation = {
  mode: "history" | "synthetic"
  currency_code: string
  /** the period (history) */
  from: string | null
  to: string | null
  /** currencies with orders in the period: the simulation covers one, `currency_code` */
  currencies: string[]
  draft: SimulationSide
  actual: SimulationSide
  /** beneficiary holdings (order, distributor, level, earning) whose amount differs: 0 when the draft pays as the ledger does */
  holdings_changed: number
  orders_changed: number
  warnings: SimulationWarning[]
  /** the synthetic network's shape (synthetic mode) */
  synthetic: { distributors: number; depth: number; orders: number; average_basis: number; seed: number; max_depth_reached: number } | null
}

/** One group of the income disclosure (everyone, or the distributors holding one title). */
export type DisclosureGroup = {
  /** the rank (title: the highest reached), null for those without one; absent on the whole group */
  rank?: string | null
  distributors: number
  /** earned more than 0 (net) in the period */
  earners: number
  /** earners / distributors x 100, rounded half-up to 2 decimals */
  earners_share: number
  total: number
  mean: number | null
  median: number | null
  percentiles: { p10: number | null; p25: number | null; p50: number | null; p75: number | null; p90: number | null; p99: number | null; max: number | null }
}

export type IncomeDisclosure = DisclosureGroup & {
  currency_code: string
  from: string
  to: string
  /** clawbacks written on the period's orders, netted into the figures above (0 or less) */
  clawbacks: number
  by_rank: (DisclosureGroup & { rank: string | null })[]
  /** where the period's commissionable volume came from */
  volume: {
    orders: number
    total: number
    /** orders of customers outside the network (retail, through a link or a lifetime binding) */
    customers: number
    customers_share: number
    /** distributors' own purchases */
    distributors_own: number
    distributors_own_share: number
  }
  definitions: Record<string, string>
}
