import { MathBN } from "@medusajs/framework/utils"
import { Beneficiary, CommissionComputation, computeCommissionLines, Judge } from "./compute-commission-lines"
import { Amount, currencyDigits, ExactSum, minorUnitsOf } from "./money"
import type { PlanSettings } from "./plan"
import { isActive, rankOf } from "./qualification"
import { percentiles, shareOf, SortedEarnings } from "./distribution"
import { MinorReplay } from "./minor-replay"
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

/**
 * How the draft judges frozen facts: activity is status active and PV (over the window frozen with
 * the order) at least the draft's min_pv; the rank is the draft ladder's highest reached by the
 * frozen PV, GV and active legs.
 */
export function draftJudge(draft: Pick<DraftPlan, "activity" | "ranks">): Judge {
  return (b) => {
    const q = b.qualification!
    // PV and GV read once as doubles when short enough to compare exactly (see atLeast)
    const facts = q.pv.length <= 15 && q.gv.length <= 15 ? { pv: Number(q.pv), gv: Number(q.gv), active_legs: q.active_legs } : q
    return { active: isActive(b.status, facts.pv, draft.activity), rank: rankOf(draft.ranks, facts) }
  }
}

export const draftRules = (draft: Pick<DraftPlan, "activity" | "ranks">) => ({ min_pv: draft.activity.min_pv, ranks: draft.ranks.map((r) => r.name) })

/**
 * What the draft would have paid on the order, by the money rules of the settlement; the frozen
 * beneficiaries are judged under the draft only as far as its levels reach (the same as paying the
 * chain with every member rejudged; a property test pins it).
 */
export function replayOrder(order: ReplayOrder, draft: DraftPlan): CommissionComputation & { retail_profit_unknown: boolean } {
  const earnsRetail = draft.retail_profit && order.attribution_source !== "self"
  return {
    ...computeCommissionLines({
      basis: order.basis,
      currency_code: order.currency_code,
      levels: draft.levels,
      compression: draft.compression,
      chain: order.chain,
      rules: order.rules ? draftRules(draft) : null,
      judge: order.rules ? draftJudge(draft) : undefined,
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

/** A holding as the tally adds it: whole minor units when it is a rounded amount (always, for lines), else its decimal. */
type Tallied = { distributor_id: string; handle: string; level: number; earning: string; units: number | null; amount?: string }

/** One order on one side: its basis (minor units, or the decimal), holdings and breakage (integer units of 10^-digits, or the decimal). */
type TalliedOrder = { basis: number | string; holdings: Tallied[]; breakage: { units: number; digits: number } | string }

/** The distributors a simulation met, by a small index (one lookup per holding; the sides keep arrays). */
class Earners {
  private readonly index = new Map<string, number>()
  readonly ids: string[] = []
  readonly handles: string[] = []

  indexOf(id: string, handle: string): number {
    let i = this.index.get(id)
    if (i === undefined) {
      i = this.ids.length
      this.index.set(id, i)
      this.ids.push(id)
      this.handles.push(handle)
    }
    return i
  }
}

/** One side's running totals, exact: integers of minor units, and a decimal for whatever is not. */
class SideTally {
  readonly revenue: ExactSum
  readonly payout: ExactSum
  readonly retail: ExactSum
  readonly breakage: ExactSum
  orders = 0
  private readonly perLevel: ExactSum[] = []
  /** each earner's net in minor units (by Earners' index); one with an amount that is not whole minor units, or beyond 2^53, is in `decimals` */
  private readonly units: number[] = []
  private readonly decimals = new Map<number, Amount>()

  /** `breakageDigits`: the decimals the side's breakage is summed in as integers (finer than the minor unit) */
  constructor(private readonly digits: number, breakageDigits: number, private readonly earners: Earners) {
    this.revenue = new ExactSum(digits)
    this.payout = new ExactSum(digits)
    this.retail = new ExactSum(digits)
    this.breakage = new ExactSum(breakageDigits)
  }

  add(order: TalliedOrder) {
    this.orders++
    if (typeof order.basis === "number") this.revenue.addUnits(order.basis)
    else this.revenue.add(order.basis)
    if (typeof order.breakage === "string") this.breakage.add(order.breakage)
    else this.breakage.addScaled(order.breakage.units, order.breakage.digits)
    for (const h of order.holdings) {
      const level = this.perLevel[h.level] ?? (this.perLevel[h.level] = new ExactSum(this.digits))
      const i = this.earners.indexOf(h.distributor_id, h.handle)
      const next = (this.units[i] ?? 0) + (h.units ?? NaN)
      if (Number.isSafeInteger(next) && (this.decimals.size === 0 || !this.decimals.has(i))) this.units[i] = next
      else this.addDecimal(i, h.units !== null ? MathBN.div(h.units, 10 ** this.digits) : MathBN.convert(h.amount!))
      if (h.units !== null) {
        this.payout.addUnits(h.units)
        if (h.earning === "retail_profit") this.retail.addUnits(h.units)
        level.addUnits(h.units)
      } else {
        const amount = h.amount!
        this.payout.add(amount)
        if (h.earning === "retail_profit") this.retail.add(amount)
        level.add(amount)
      }
    }
  }

  /** moves an earner to the decimal sums (once), then adds */
  private addDecimal(i: number, amount: Amount) {
    const sum = this.decimals.get(i) ?? MathBN.div(this.units[i] ?? 0, 10 ** this.digits)
    this.units[i] = 0
    this.decimals.set(i, sum.plus(amount))
  }

  /** an earner's net: minor units when whole, else null (read `earned`) */
  unitsOf(i: number): number | null {
    return this.decimals.size && this.decimals.has(i) ? null : (this.units[i] ?? 0)
  }

  earned(i: number): Amount {
    return this.decimals.get(i) ?? MathBN.div(this.units[i] ?? 0, 10 ** this.digits)
  }

  summary(plan: string): Omit<SimulationSide, "top_changes"> {
    // percentiles are over the earners (net > 0)
    const earners: number[] = []
    for (const u of this.units) if (u > 0) earners.push(u)
    const sorted = this.decimals.size
      ? new SortedEarnings([...earners.map((u) => MathBN.div(u, 10 ** this.digits)), ...[...this.decimals.values()].filter((v) => MathBN.gt(v, 0))], 0)
      : new SortedEarnings({ minor_units: earners, digits: this.digits }, 0)
    const { p50, p90, p99, max } = percentiles(sorted, [50, 90, 99])
    return {
      plan,
      orders: this.orders,
      revenue: this.revenue.value().toNumber(),
      payout: this.payout.value().toNumber(),
      payout_percent: shareOf(this.payout.value(), this.revenue.value()).toNumber(),
      per_level: this.perLevel.flatMap((amount, level) => (amount ? [{ level, amount: amount.value().toNumber() }] : [])),
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
 * replay (in integers, `MinorReplay`; an order whose amounts do not fit goes through
 * `computeCommissionLines`), the actual's as given (the live ledger on history) or by a replay of
 * the `baseline` plan (a synthetic network), and counts every holding that differs.
 */
export class SimulationTally {
  private readonly draftSide: SideTally
  private readonly actualSide: SideTally
  private readonly earners = new Earners()
  private holdingsChanged = 0
  private ordersChanged = 0
  private retailUnknown = 0
  private noQualification = 0
  private readonly digits: number
  private readonly asksQualification: boolean
  private readonly draftReplay: TallyReplay
  private readonly baselineReplay: TallyReplay | null

  /**
   * `currency_code`: the simulated orders' currency (its minor unit makes the sums exact integers);
   * `baseline`: the plan the actual side replays (`addReplayed`)
   */
  constructor(draft: DraftPlan, currency_code: string, baseline?: DraftPlan) {
    this.digits = currencyDigits(currency_code)
    this.draftReplay = new TallyReplay(draft, currency_code)
    this.baselineReplay = baseline ? new TallyReplay(baseline, currency_code) : null
    this.draftSide = new SideTally(this.digits, this.draftReplay.fineDigits, this.earners)
    // a ledger's breakage is a decimal with the plan's precision: summed in integers as fine as a plan's
    this.actualSide = new SideTally(this.digits, this.baselineReplay?.fineDigits ?? this.digits + 6, this.earners)
    this.asksQualification = draft.activity.min_pv > 0 || draft.levels.some((l) => l.min_rank)
  }

  /** An order of history: the draft's replay beside what the ledger holds on it. */
  add(order: ReplayOrder, actual: { holdings: Holding[]; breakage: string }): void {
    const live: Tallied[] = []
    for (const h of actual.holdings) {
      const units = minorUnitsOf(h.amount, this.digits)
      if (units === 0 || (units === null && MathBN.eq(h.amount, 0))) continue
      live.push({ distributor_id: h.distributor_id, handle: h.handle, level: h.level, earning: h.earning, units, amount: h.amount })
    }
    this.addSides(order, { basis: order.basis, holdings: live, breakage: actual.breakage })
  }

  /** An order of a synthetic network: the draft's replay beside the baseline plan's. */
  addReplayed(order: ReplayOrder): void {
    if (!this.baselineReplay) throw new Error("SimulationTally: addReplayed needs a baseline plan")
    this.addSides(order, this.baselineReplay.replay(order).order)
  }

  private addSides(order: ReplayOrder, actual: TalliedOrder) {
    const { order: drafted, retail_profit_unknown } = this.draftReplay.replay(order)
    if (retail_profit_unknown) this.retailUnknown++
    if (!order.rules && this.asksQualification) this.noQualification++
    this.draftSide.add(drafted)
    this.actualSide.add(actual)
    // the two short lists of (distributor, level, earning) holdings, compared pairwise
    const live = actual.holdings
    let changed = 0
    let matched = 0
    const taken = new Uint8Array(live.length)
    for (const h of drafted.holdings) {
      const i = live.findIndex((l, k) => !taken[k] && l.distributor_id === h.distributor_id && l.level === h.level && l.earning === h.earning)
      if (i < 0) {
        changed++
        continue
      }
      taken[i] = 1
      matched++
      const l = live[i]
      if (h.units !== null && l.units !== null ? h.units !== l.units : !MathBN.eq(h.amount ?? MathBN.div(h.units!, 10 ** this.digits), l.amount ?? MathBN.div(l.units!, 10 ** this.digits))) changed++
    }
    changed += live.length - matched
    this.holdingsChanged += changed
    if (changed) this.ordersChanged++
  }

  result(labels: { draft: string; actual: string }, topN = 10): SimulationTotals {
    const up = new TopChanges(topN, (a, b) => b.change - a.change || a.handle.localeCompare(b.handle))
    const down = new TopChanges(topN, (a, b) => a.change - b.change || a.handle.localeCompare(b.handle))
    const scale = 10 ** this.digits
    const { ids, handles } = this.earners
    for (let i = 0; i < ids.length; i++) {
      const d = this.draftSide.unitsOf(i)
      const a = this.actualSide.unitsOf(i)
      // whole minor units subtract as integers (safe: both are below 2^53); a decimal one by MathBN
      const change = d !== null && a !== null ? (d - a) / scale : this.draftSide.earned(i).minus(this.actualSide.earned(i)).toNumber()
      if (change === 0) continue
      const entry = { index: i, handle: handles[i], change }
      if (change > 0) up.offer(entry)
      else down.offer(entry)
    }
    const figures = ({ index }: Ranked): EarningsChange => {
      const draft = this.draftSide.earned(index)
      const actual = this.actualSide.earned(index)
      return { distributor_id: ids[index], handle: handles[index], actual: actual.toNumber(), draft: draft.toNumber(), change: draft.minus(actual).toNumber() }
    }
    return {
      draft: { ...this.draftSide.summary(labels.draft), top_changes: { up: up.list().map(figures), down: down.list().map(figures) } },
      actual: { ...this.actualSide.summary(labels.actual), top_changes: { up: [], down: [] } },
      holdings_changed: this.holdingsChanged,
      orders_changed: this.ordersChanged,
      retail_profit_unknown: this.retailUnknown,
      no_qualification: this.noQualification,
    }
  }
}

/** A plan's replay for the tally: in integers (`MinorReplay`), or by `computeCommissionLines` when an order does not fit. */
class TallyReplay {
  private readonly minor: MinorReplay
  private readonly digits: number

  constructor(private readonly plan: DraftPlan, currency_code: string) {
    this.digits = currencyDigits(currency_code)
    this.minor = new MinorReplay(plan, currency_code, { judge: draftJudge(plan), rules: draftRules(plan) })
  }

  get fineDigits(): number {
    return this.minor.fineDigits
  }

  replay(order: ReplayOrder): { order: TalliedOrder; retail_profit_unknown: boolean } {
    const fast = this.minor.replay(order)
    if (fast) {
      return {
        order: { basis: fast.basis_units, holdings: fast.lines, breakage: { units: fast.breakage_fine, digits: this.minor.fineDigits } },
        retail_profit_unknown: fast.retail_profit_unknown,
      }
    }
    const replay = replayOrder(order, this.plan)
    return {
      order: { basis: order.basis, holdings: holdingsOf(replay).map((h) => ({ ...h, units: minorUnitsOf(h.amount, this.digits) })), breakage: replay.breakage },
      retail_profit_unknown: replay.retail_profit_unknown,
    }
  }
}

type Ranked = { index: number; handle: string; change: number }

/** The first `n` of many entries by `compare`, kept without sorting them all (a network has many more earners than 10). */
class TopChanges {
  private readonly kept: Ranked[] = []
  constructor(private readonly n: number, private readonly compare: (a: Ranked, b: Ranked) => number) {}

  offer(entry: Ranked) {
    if (this.kept.length === this.n && this.compare(entry, this.kept[this.n - 1]) >= 0) return
    let i = this.kept.length
    while (i > 0 && this.compare(entry, this.kept[i - 1]) < 0) i--
    this.kept.splice(i, 0, entry)
    if (this.kept.length > this.n) this.kept.pop()
  }

  list(): Ranked[] {
    return this.kept
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
