import { MathBN } from "@medusajs/framework/utils"
import { Beneficiary, CommissionComputation, computeCommissionLines, Judge } from "./compute-commission-lines"
import { currencyDigits, ExactSum, minorUnitsOf } from "./money"
import type { PlanSettings } from "./plan"
import { rankOf } from "./qualification"
import { percentiles, shareOf, SortedEarnings } from "./distribution"
import type { EarningsChange, SimulationSide, SimulationWarning } from "../../../types/simulation"

/**
 * The plan simulator as pure rules: an order is replayed under a draft plan from what its snapshot
 * froze (the beneficiaries, level 1 first, with their PV, GV and active legs at the order's moment;
 * the basis now; the retail margin), and a tally adds up each side. Nothing here reads or writes.
 */

/** What the draft needs of a plan: its rates and its qualification rules. */
export type DraftPlan = Pick<PlanSettings, "levels" | "compression" | "retail_profit" | "activity" | "ranks" | "max_payout_percent">

/** One order as the simulator replays it. */
export type ReplayOrder = {
  order_id: string
  currency_code: string
  /** `self`: a distributor's own purchase (never earns retail profit) */
  attribution_source: string
  basis: string
  /** the frozen beneficiaries, level 1 first */
  chain: Beneficiary[]
  /** what the chain's qualifications were frozen with; null: status only (a snapshot older than volumes) */
  rules: { min_pv: number; window_days: number; ranks: string[] } | null
  /** level 1's retail profit on the order now (rounded), when the order was settled with one; else null */
  retail_margin: string | null
}

/** One beneficiary's holding on an order (live amount per distributor, level and earning). */
export type Holding = { distributor_id: string; handle: string; level: number; earning: string; amount: string }

/** Activity and rank under a draft, by frozen facts (status, PV, GV, legs): many orders share them. */
export type QualificationCache = Map<string, { active: boolean; rank: string | null }>
const CACHE_LIMIT = 200_000

/**
 * How the draft judges frozen facts: activity is status active and PV (over the window frozen with
 * the order) at least the draft's min_pv; the rank is the draft ladder's highest reached by the
 * frozen PV, GV and active legs. Judgements are cached by the facts, which many orders share.
 */
export function draftJudge(draft: Pick<DraftPlan, "activity" | "ranks">, cache: QualificationCache = new Map()): Judge {
  return (b) => {
    const q = b.qualification!
    const key = `${b.status}|${q.pv}|${q.gv}|${q.active_legs}`
    let judged = cache.get(key)
    if (!judged) {
      if (cache.size > CACHE_LIMIT) cache.clear()
      judged = { active: b.status === "active" && MathBN.gte(q.pv, draft.activity.min_pv), rank: rankOf(draft.ranks, q) }
      cache.set(key, judged)
    }
    return judged
  }
}

export const draftRules = (draft: Pick<DraftPlan, "activity" | "ranks">) => ({ min_pv: draft.activity.min_pv, ranks: draft.ranks.map((r) => r.name) })

/**
 * What the draft would have paid on the order, by the money rules of the settlement; the frozen
 * beneficiaries are judged under the draft only as far as its levels reach (the same as paying the
 * chain with every member rejudged; a property test pins it).
 */
export function replayOrder(
  order: ReplayOrder,
  draft: DraftPlan,
  cache?: QualificationCache
): CommissionComputation & { retail_profit_unknown: boolean } {
  const earnsRetail = draft.retail_profit && order.attribution_source !== "self"
  return {
    ...computeCommissionLines({
      basis: order.basis,
      currency_code: order.currency_code,
      levels: draft.levels,
      compression: draft.compression,
      chain: order.chain,
      rules: order.rules ? draftRules(draft) : null,
      judge: order.rules ? draftJudge(draft, cache) : undefined,
      retailProfit: earnsRetail ? order.retail_margin : null,
    }),
    retail_profit_unknown: earnsRetail && order.retail_margin == null,
  }
}

/** A computation's lines as holdings, zero amounts left out. */
export function holdingsOf(computed: CommissionComputation): Holding[] {
  return computed.lines
    .filter((l) => !MathBN.eq(l.amount, 0))
    .map((l) => ({ distributor_id: l.distributor_id, handle: l.distributor_handle, level: l.level, earning: l.kind, amount: l.amount }))
}

const holdingKey = (h: Holding) => `${h.distributor_id}|${h.level}|${h.earning}`

/** One side's running totals, exact (ExactSum). */
class SideTally {
  readonly revenue: ExactSum
  readonly payout: ExactSum
  readonly retail: ExactSum
  readonly breakage: ExactSum
  orders = 0
  readonly perLevel = new Map<number, ExactSum>()
  readonly earnings = new Map<string, ExactSum>()

  constructor(private readonly digits: number) {
    this.revenue = new ExactSum(digits)
    this.payout = new ExactSum(digits)
    this.retail = new ExactSum(digits)
    this.breakage = new ExactSum(digits)
  }

  add(basis: string, holdings: Holding[], breakage: string, handles: Map<string, string>) {
    this.orders++
    this.revenue.add(basis)
    this.breakage.add(breakage)
    for (const h of holdings) {
      this.payout.add(h.amount)
      if (h.earning === "retail_profit") this.retail.add(h.amount)
      let level = this.perLevel.get(h.level)
      if (!level) this.perLevel.set(h.level, (level = new ExactSum(this.digits)))
      level.add(h.amount)
      let earned = this.earnings.get(h.distributor_id)
      if (!earned) this.earnings.set(h.distributor_id, (earned = new ExactSum(this.digits)))
      earned.add(h.amount)
      handles.set(h.distributor_id, h.handle)
    }
  }

  summary(plan: string): Omit<SimulationSide, "top_changes"> {
    const earned = [...this.earnings.values()].map((v) => v.value()).filter((v) => v.isPositive())
    const sorted = new SortedEarnings(earned, 0)
    const { p50, p90, p99, max } = percentiles(sorted, [50, 90, 99])
    return {
      plan,
      orders: this.orders,
      revenue: this.revenue.value().toNumber(),
      payout: this.payout.value().toNumber(),
      payout_percent: shareOf(this.payout.value(), this.revenue.value()).toNumber(),
      per_level: [...this.perLevel.entries()].sort(([a], [b]) => a - b).map(([level, amount]) => ({ level, amount: amount.value().toNumber() })),
      retail_profit: this.retail.value().toNumber(),
      breakage: this.breakage.value().toNumber(),
      earners: sorted.earners,
      percentiles: { p50, p90, p99, max },
    }
  }
}

export type SimulationTotals = {
  draft: SimulationSide
  actual: SimulationSide
  holdings_changed: number
  orders_changed: number
  retail_profit_unknown: number
  no_qualification: number
}

/**
 * Adds orders one at a time (so a long replay streams and reports progress): the draft's holdings by
 * replay, the actual's as given (the live ledger on history; a replay of the active plan on a
 * synthetic network), and counts every holding that differs.
 */
export class SimulationTally {
  private readonly draftSide: SideTally
  private readonly actualSide: SideTally
  private readonly handles = new Map<string, string>()
  private holdingsChanged = 0
  private ordersChanged = 0
  private retailUnknown = 0
  private noQualification = 0
  private readonly cache: QualificationCache = new Map()

  private readonly digits: number

  /** `currency_code`: the simulated orders' currency (its minor unit makes the sums exact integers) */
  constructor(private readonly draft: DraftPlan, currency_code: string) {
    this.digits = currencyDigits(currency_code)
    this.draftSide = new SideTally(this.digits)
    this.actualSide = new SideTally(this.digits)
  }

  private same(a: string, b: string): boolean {
    const x = minorUnitsOf(a, this.digits)
    const y = minorUnitsOf(b, this.digits)
    return x !== null && y !== null ? x === y : MathBN.eq(a, b)
  }

  add(order: ReplayOrder, actual: { holdings: Holding[]; breakage: string }): void {
    const replay = replayOrder(order, this.draft, this.cache)
    const drafted = holdingsOf(replay)
    if (replay.retail_profit_unknown) this.retailUnknown++
    if (!order.rules && (this.draft.activity.min_pv > 0 || this.draft.levels.some((l) => l.min_rank))) this.noQualification++
    this.draftSide.add(order.basis, drafted, replay.breakage, this.handles)
    const live = actual.holdings.filter((h) => !this.same(h.amount, "0"))
    this.actualSide.add(order.basis, live, actual.breakage, this.handles)
    const want = new Map(live.map((h) => [holdingKey(h), h.amount]))
    let changed = 0
    for (const h of drafted) {
      const key = holdingKey(h)
      const held = want.get(key)
      if (held === undefined || !this.same(held, h.amount)) changed++
      want.delete(key)
    }
    changed += want.size
    this.holdingsChanged += changed
    if (changed) this.ordersChanged++
  }

  result(labels: { draft: string; actual: string }, topN = 10): SimulationTotals {
    const changes: EarningsChange[] = []
    const ids = new Set([...this.draftSide.earnings.keys(), ...this.actualSide.earnings.keys()])
    for (const id of ids) {
      const draft = this.draftSide.earnings.get(id)?.value() ?? MathBN.convert(0)
      const actual = this.actualSide.earnings.get(id)?.value() ?? MathBN.convert(0)
      const change = draft.minus(actual)
      if (change.isZero()) continue
      changes.push({ distributor_id: id, handle: this.handles.get(id) ?? id, actual: actual.toNumber(), draft: draft.toNumber(), change: change.toNumber() })
    }
    // the largest moves first; a tie by handle
    const up = changes.filter((c) => c.change > 0).sort((a, b) => b.change - a.change || a.handle.localeCompare(b.handle)).slice(0, topN)
    const down = changes.filter((c) => c.change < 0).sort((a, b) => a.change - b.change || a.handle.localeCompare(b.handle)).slice(0, topN)
    return {
      draft: { ...this.draftSide.summary(labels.draft), top_changes: { up, down } },
      actual: { ...this.actualSide.summary(labels.actual), top_changes: { up: [], down: [] } },
      holdings_changed: this.holdingsChanged,
      orders_changed: this.ordersChanged,
      retail_profit_unknown: this.retailUnknown,
      no_qualification: this.noQualification,
    }
  }
}

/**
 * What the admin should know before trusting the figures: the draft pays more than its cap or than
 * the shop's configured share of revenue, or the history cannot say everything the draft asks.
 */
export function simulationWarnings(
  totals: SimulationTotals,
  draft: DraftPlan,
  context: { warn_payout_percent: number | null; windows: number[] }
): SimulationWarning[] {
  const warnings: SimulationWarning[] = []
  const percent = totals.draft.payout_percent
  if (percent > draft.max_payout_percent) {
    warnings.push({ code: "over_cap", message: `The draft pays ${percent}% of revenue, above its cap of ${draft.max_payout_percent}% (retail profit is outside the cap).` })
  }
  if (context.warn_payout_percent != null && percent > context.warn_payout_percent) {
    warnings.push({ code: "over_share", message: `The draft pays ${percent}% of revenue, above the shop's limit of ${context.warn_payout_percent}% (plugin option simulation.warn_payout_percent).` })
  }
  if (totals.retail_profit_unknown) {
    warnings.push({
      code: "retail_profit_unknown",
      message: `${totals.retail_profit_unknown} orders were settled without retail profit, so their member prices were not frozen: level 1 earns its percent on them.`,
    })
  }
  const other = context.windows.filter((w) => w !== draft.activity.window_days)
  if (other.length) {
    warnings.push({
      code: "window_changed",
      message: `The draft's activity window is ${draft.activity.window_days} days; the orders' PV was frozen over ${[...new Set(other)].join(", ")} days and is used as it was.`,
    })
  }
  if (totals.no_qualification) {
    warnings.push({
      code: "no_qualification",
      message: `${totals.no_qualification} orders were settled before volumes were kept: their beneficiaries are judged by status only.`,
    })
  }
  return warnings
}

/** A small deterministic random source (mulberry32): the same seed gives the same network. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type SyntheticShape = { distributors: number; depth: number; orders: number; average_basis: number; seed: number }

/**
 * A network for shops without history, the same for the same shape and seed:
 * - distributor i (i >= 1) is sponsored by a random earlier one, moved up while that would pass
 *   `depth` levels; every distributor is active (status);
 * - each order is credited to a random distributor, with a basis drawn uniformly from 0.5x to 1.5x
 *   `average_basis`, rounded half-up to the currency's minor unit;
 * - qualification covers the whole period: PV = the basis of the orders credited to a distributor
 *   (1 PV per major unit), GV = PV of their whole team, themself included, active legs = frontline
 *   legs with someone whose PV reaches `min_pv` (and is above 0).
 */
export function syntheticOrders(
  shape: SyntheticShape,
  currency_code: string,
  activity: { min_pv: number; window_days: number },
  ranks: { name: string }[]
): { orders: Iterable<ReplayOrder>; max_depth_reached: number } {
  const n = shape.distributors
  const random = seededRandom(shape.seed)
  const parent = new Int32Array(n).fill(-1)
  const depth = new Int32Array(n)
  let maxDepth = 0
  for (let i = 1; i < n; i++) {
    let j = Math.floor(random() * i)
    while (depth[j] >= shape.depth) j = parent[j]
    parent[i] = j
    depth[i] = depth[j] + 1
    if (depth[i] > maxDepth) maxDepth = depth[i]
  }
  const scale = 10 ** currencyDigits(currency_code)
  const credited = new Int32Array(shape.orders)
  const basisMinor = new Float64Array(shape.orders)
  const pvMinor = new Float64Array(n)
  for (let k = 0; k < shape.orders; k++) {
    const who = Math.floor(random() * n)
    // integer minor units: exact, and a half-up rounding of the drawn amount
    const minor = Math.floor(shape.average_basis * (0.5 + random()) * scale + 0.5)
    credited[k] = who
    basisMinor[k] = minor
    pvMinor[who] += minor
  }
  const gvMinor = Float64Array.from(pvMinor)
  const legActive = new Uint8Array(n)
  const activeLegs = new Int32Array(n)
  const minPvMinor = Math.round(activity.min_pv * scale)
  for (let i = n - 1; i >= 0; i--) {
    if (pvMinor[i] > 0 && pvMinor[i] >= minPvMinor) legActive[i] = 1
    const p = parent[i]
    if (p < 0) continue
    gvMinor[p] += gvMinor[i]
    if (legActive[i]) {
      activeLegs[p]++
      legActive[p] = 1
    }
  }
  const amount = (minor: number) => MathBN.div(minor, scale).toString()
  const beneficiary = (i: number): Beneficiary => ({
    id: `synthetic_${i}`,
    handle: `d${i}`,
    status: "active",
    qualification: {
      pv: amount(pvMinor[i]),
      gv: amount(gvMinor[i]),
      active_legs: activeLegs[i],
      active: pvMinor[i] >= minPvMinor,
      rank: null,
    },
  })
  const cache = new Map<number, Beneficiary>()
  const member = (i: number) => {
    let b = cache.get(i)
    if (!b) cache.set(i, (b = beneficiary(i)))
    return b
  }
  const rules = { min_pv: activity.min_pv, window_days: activity.window_days, ranks: ranks.map((r) => r.name) }
  function* orders(): Iterable<ReplayOrder> {
    for (let k = 0; k < shape.orders; k++) {
      const chain: Beneficiary[] = []
      for (let i = credited[k]; i >= 0; i = parent[i]) chain.push(member(i))
      yield { order_id: `synthetic_order_${k + 1}`, currency_code, attribution_source: "link", basis: amount(basisMinor[k]), chain, rules, retail_margin: null }
    }
  }
  return { orders: orders(), max_depth_reached: maxDepth }
}
