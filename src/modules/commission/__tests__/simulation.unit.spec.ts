import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import { percentiles, shareOf, SortedEarnings } from "../utils/distribution"
import { disclosureGroup, incomeDisclosure } from "../utils/disclosure"
import { DraftPlan, draftJudge, draftRules, Holding, holdingsOf, ReplayOrder, replayOrder, SimulationTally, simulationWarnings, syntheticOrders } from "../utils/simulation"
import { computeCommissionLines, Beneficiary } from "../utils/compute-commission-lines"
import { qualifyChain } from "../utils/qualification"
import { atLeast, ExactSum, minorUnitsOf } from "../utils/money"

const PLAN: DraftPlan = {
  levels: [10, 5, 3, 2].map((percent, i) => ({ level: i + 1, percent })),
  compression: true,
  retail_profit: false,
  activity: { min_pv: 0, window_days: 30 },
  ranks: [],
  max_payout_percent: 50,
}

describe("SortedEarnings (nearest rank; median; mean)", () => {
  it("states every figure exactly on a small list with zeros as a count", () => {
    // 0, 0, 0, 1.00, 2.50, 2.50, 7.25, 40.00 (n = 8)
    const s = new SortedEarnings(["2.50", "40", "1", "7.25", "2.5"], 3)
    expect(s.count).toBe(8)
    expect(s.earners).toBe(5)
    expect(s.total.toString()).toBe("53.25")
    expect(s.percentile(10)!.toString()).toBe("0") // rank ceil(0.8) = 1
    expect(s.percentile(50)!.toString()).toBe("1") // rank 4
    expect(s.percentile(75)!.toString()).toBe("2.5") // rank 6
    expect(s.percentile(90)!.toString()).toBe("40") // rank ceil(7.2) = 8
    expect(s.median("eur")!.toString()).toBe("1.75") // (1.00 + 2.50) / 2
    expect(s.mean("eur")!.toString()).toBe("6.66") // 53.25 / 8 = 6.65625 -> 6.66
    expect(percentiles(s, [50])).toEqual({ p50: 1, max: 40 })
  })

  it("rounds an even count's median half-up to the minor unit, and puts negative nets below zero", () => {
    expect(new SortedEarnings(["0.01", "0.02"], 0).median("eur")!.toString()).toBe("0.02") // 0.015 -> 0.02
    expect(new SortedEarnings(["1", "2"], 0).median("jpy")!.toString()).toBe("2") // 1.5 -> 2
    const s = new SortedEarnings(["-3", "5"], 1)
    expect([1, 2, 3].map((r) => s.at(r).toString())).toEqual(["-3", "0", "5"])
    expect(s.earners).toBe(1)
  })

  it("has no figures for nobody", () => {
    const s = new SortedEarnings([], 0)
    expect([s.percentile(50), s.median("eur"), s.mean("eur")]).toEqual([null, null, null])
  })

  it("agrees with the plain sorted list for any values (property)", () => {
    const cents = fc.integer({ min: -5000, max: 500_000 })
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 60 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 100 }), (values, zeros, p) => {
        const amounts = values.map((c) => MathBN.div(c, 100).toString())
        const s = new SortedEarnings(amounts, zeros)
        const all = [...amounts.map(Number), ...Array(zeros).fill(0)].sort((a, b) => a - b)
        if (!all.length) return s.percentile(p) === null
        const nearest = all[Math.ceil((p / 100) * all.length) - 1]
        // the percentile is one of the values, and at least p % of the values are at or below it
        expect(s.percentile(p)!.toNumber()).toBe(nearest)
        expect(all.filter((v) => v <= nearest).length / all.length).toBeGreaterThanOrEqual(p / 100)
        const mid = all.length % 2 ? all[(all.length - 1) / 2] : null
        if (mid !== null) expect(s.median("eur")!.toNumber()).toBe(mid)
        expect(s.total.toString()).toBe(amounts.reduce((a, v) => MathBN.add(a, v), MathBN.convert(0)).toString())
        return true
      })
    )
  })

  it("gives the same figures from whole minor units as from amounts (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5000, max: 500_000 }), { maxLength: 60 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(0, 2, 3), (units, zeros, digits) => {
        const currency = { 0: "jpy", 2: "eur", 3: "kwd" }[digits]!
        const amounts = new SortedEarnings(units.map((u) => MathBN.div(u, 10 ** digits)), zeros)
        const minor = new SortedEarnings({ minor_units: units, digits }, zeros)
        expect([minor.count, minor.earners, minor.zeros, minor.total.toString()]).toEqual([amounts.count, amounts.earners, amounts.zeros, amounts.total.toString()])
        for (let r = 1; r <= amounts.count; r++) expect(minor.at(r).toString()).toBe(amounts.at(r).toString())
        expect(minor.median(currency)?.toString()).toBe(amounts.median(currency)?.toString())
        expect(minor.mean(currency)?.toString()).toBe(amounts.mean(currency)?.toString())
      })
    )
  })

  it("states shares as percents rounded half-up to 2 decimals", () => {
    expect(shareOf(2, 3).toString()).toBe("66.67")
    expect(shareOf(1, 8).toString()).toBe("12.5")
    expect(shareOf(1, 0).toString()).toBe("0")
  })
})

describe("minorUnitsOf and ExactSum", () => {
  it("reads rounded amounts as whole minor units and refuses unrounded ones", () => {
    expect(["9.98", "-4.99", "2", "0.10", "-0", "12.500", "1.005", "1e-7", "abc"].map((a) => minorUnitsOf(a, 2))).toEqual([998, -499, 200, 10, 0, 1250, null, null, null])
    expect(minorUnitsOf("1500", 0)).toBe(1500)
    expect(minorUnitsOf("1.234", 3)).toBe(1234)
  })

  it("sums exactly like MathBN, rounded or not (property)", () => {
    const amount = fc.oneof(
      fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }).map((c) => MathBN.div(c, 100).toString()),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((m) => MathBN.div(m, 1000).toString())
    )
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 50 }), (amounts) => {
        const sum = new ExactSum(2)
        amounts.forEach((a) => sum.add(a))
        return sum.value().eq(amounts.reduce((t, a) => MathBN.add(t, a), MathBN.convert(0)))
      })
    )
  })

  it("adds whole units of its own or a finer unit exactly, and past 2^53 as a decimal", () => {
    const sum = new ExactSum(2).addUnits(998).addScaled(199_100, 5).addScaled(-1, 2)
    expect(sum.value().toString()).toBe("11.961") // 9.98 + 1.991 - 0.01
    const big = new ExactSum(2).addUnits(Number.MAX_SAFE_INTEGER).addUnits(2)
    expect(big.value().toString()).toBe("90071992547409.93")
  })
})

describe("atLeast (PV and GV against thresholds)", () => {
  it("compares exactly as MathBN, short decimals as doubles and long ones as decimals (property)", () => {
    const decimal = fc.oneof(
      fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => MathBN.div(n, 100).toString()),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => MathBN.div(n.toString(), 10 ** 4).toFixed(4)),
      fc.constantFrom("0.1", "0.30000000000000004", "99999999999999.99", "100000000000000.00", "0.000000000000001")
    )
    const threshold = fc.oneof(decimal, fc.integer({ min: -100_000, max: 100_000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }))
    fc.assert(
      fc.property(decimal, threshold, (value, min) => {
        expect(atLeast(value, min)).toBe(MathBN.gte(value, min))
      }),
      { numRuns: 3000 }
    )
    // 17 significant digits apart by 1e-16: equal as doubles, told apart as decimals
    expect(atLeast("0.30000000000000001", "0.30000000000000002")).toBe(false)
  })
})

const chainOf = (handles: string[]): Beneficiary[] => handles.map((h) => ({ id: `dist_${h}`, handle: h, status: "active" as const }))

const order = (o: Partial<ReplayOrder> & { chain: Beneficiary[] }): ReplayOrder => ({
  order_id: "order_1",
  currency_code: "eur",
  attribution_source: "link",
  basis: "99.80",
  rules: null,
  retail_margin: null,
  ...o,
})

/** The reference: every member of the chain rejudged under the draft (what the replay must pay the same as). */
const requalify = (order: Pick<ReplayOrder, "chain" | "rules">, draft: Pick<DraftPlan, "activity" | "ranks">) => {
  if (!order.rules) return { chain: order.chain, rules: null }
  const judge = draftJudge(draft)
  return { chain: order.chain.map((b) => (b.qualification ? { ...b, qualification: { ...b.qualification, ...judge(b) } } : b)), rules: draftRules(draft) }
}

describe("replayOrder and the draft's judgement", () => {
  const ranks = [
    { name: "Silver", min_pv: 50, min_gv: 0, min_active_legs: 0 },
    { name: "Gold", min_pv: 50, min_gv: 1000, min_active_legs: 2 },
  ]
  const frozen = qualifyChain(
    chainOf(["dan", "cleo", "ben", "anna"]),
    {
      dist_dan: { pv: "60", gv: "60", active_legs: 0 },
      dist_cleo: { pv: "10", gv: "70", active_legs: 1 },
      dist_ben: { pv: "80", gv: "2000", active_legs: 2 },
      dist_anna: { pv: "55", gv: "2055", active_legs: 1 },
    },
    { activity: { min_pv: 50, window_days: 30 }, ranks }
  )
  const rules = { min_pv: 50, window_days: 30, ranks: ["Silver", "Gold"] }
  const ranked: DraftPlan = { ...PLAN, activity: { min_pv: 50, window_days: 30 }, ranks, levels: [...PLAN.levels.slice(0, 3), { level: 4, percent: 2, min_rank: "Gold" }] }

  it("pays exactly what the settlement computed when the draft is the plan the chain was frozen with", () => {
    const settled = computeCommissionLines({ basis: "99.80", currency_code: "eur", levels: ranked.levels, compression: true, chain: frozen, rules })
    const replay = replayOrder(order({ chain: frozen, rules }), ranked)
    expect(replay.lines).toEqual(settled.lines)
    expect(replay.breakage).toBe(settled.breakage)
    // cleo (10 PV) is skipped: dan 9.98, ben 4.99 (level 2), anna 2.99 (2.994, level 3); nobody is left for level 4
    expect(holdingsOf(replay).map((h) => [h.handle, h.level, h.amount])).toEqual([
      ["dan", 1, "9.98"],
      ["ben", 2, "4.99"],
      ["anna", 3, "2.99"],
    ])
  })

  it("re-derives activity and ranks from the frozen PV, GV and legs under the draft's rules", () => {
    const looser = requalify({ chain: frozen, rules }, { activity: { min_pv: 10, window_days: 30 }, ranks: [{ name: "Gold", min_pv: 0, min_gv: 2000, min_active_legs: 1 }] })
    expect(looser.chain.map((b) => [b.handle, b.qualification!.active, b.qualification!.rank])).toEqual([
      ["dan", true, null],
      ["cleo", true, null],
      ["ben", true, "Gold"],
      ["anna", true, "Gold"],
    ])
    expect(looser.rules).toEqual({ min_pv: 10, ranks: ["Gold"] })
    // a chain frozen before volumes stays status only
    expect(requalify({ chain: chainOf(["a"]), rules: null }, ranked)).toEqual({ chain: chainOf(["a"]), rules: null })
  })

  it("pays, judging only as far as the levels reach, exactly what the requalified chain pays (property)", () => {
    const member = fc.record({
      status: fc.constantFrom("active", "active", "active", "inactive"),
      pv: fc.integer({ min: 0, max: 200 }),
      gv: fc.integer({ min: 0, max: 20000 }),
      legs: fc.integer({ min: 0, max: 4 }),
    })
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 120 }), fc.boolean(), fc.integer({ min: 1, max: 99999 }), (people, minPv, compression, cents) => {
        const chain = people.map((p, i) => ({
          id: `d${i}`,
          handle: `d${i}`,
          status: p.status as "active" | "inactive",
          qualification: { pv: String(p.pv), gv: String(p.gv), active_legs: p.legs, active: true, rank: null },
        }))
        const draft: DraftPlan = { ...ranked, compression, activity: { min_pv: minPv, window_days: 30 } }
        const o = order({ chain, rules, basis: MathBN.div(cents, 100).toString() })
        const requalified = requalify(o, draft)
        const reference = computeCommissionLines({ basis: o.basis, currency_code: "eur", levels: draft.levels, compression, chain: requalified.chain, rules: requalified.rules })
        const replay = replayOrder(o, draft)
        expect(replay.lines).toEqual(reference.lines)
        expect(replay.skipped).toEqual(reference.skipped)
        expect(replay.breakage).toBe(reference.breakage)
      })
    )
  })

  it("pays retail profit only on orders settled with one, and says when it could not", () => {
    const retail = { ...PLAN, retail_profit: true }
    const known = replayOrder(order({ chain: chainOf(["dan", "cleo"]), retail_margin: "19.96" }), retail)
    expect(known.lines.map((l) => [l.kind, l.amount])).toEqual([["retail_profit", "19.96"], ["commission", "4.99"]])
    expect(known.retail_profit_unknown).toBe(false)
    expect(replayOrder(order({ chain: chainOf(["dan"]) }), retail).retail_profit_unknown).toBe(true)
    expect(replayOrder(order({ chain: chainOf(["dan"]), attribution_source: "self" }), retail).retail_profit_unknown).toBe(false)
  })
})

describe("SimulationTally", () => {
  it("counts the holdings that differ and ranks who gains and loses", () => {
    const tally = new SimulationTally({ ...PLAN, levels: [8, 6, 4, 2].map((percent, i) => ({ level: i + 1, percent })) }, "eur")
    const chain = chainOf(["dan", "cleo", "ben", "anna"])
    const actual = holdingsOf(replayOrder(order({ chain }), PLAN))
    tally.add(order({ chain }), { holdings: actual, breakage: "0" })
    const result = tally.result({ draft: "draft", actual: "ledger" })
    // 99.80 at 8/6/4/2: 7.98, 5.99, 3.99, 2.00 against 9.98, 4.99, 2.99, 2.00
    expect(result).toMatchObject({ holdings_changed: 3, orders_changed: 1 })
    expect(result.draft).toMatchObject({ payout: 19.96, revenue: 99.8, payout_percent: 20, earners: 4 })
    expect(result.draft.top_changes.up.map((c) => [c.handle, c.change])).toEqual([["ben", 1], ["cleo", 1]])
    expect(result.draft.top_changes.down.map((c) => [c.handle, c.change])).toEqual([["dan", -2]])
    expect(result.actual.top_changes).toEqual({ up: [], down: [] })
  })

  it("counts as earners only those whose net is above zero, in whole cents or finer", () => {
    const tally = new SimulationTally(PLAN, "eur")
    const held = (who: string, amount: string) => ({ distributor_id: `dist_${who}`, handle: who, level: 1, earning: "commission", amount })
    // dee: 1.85 then clawed back; eve: 0.005 then clawed back; fay: 1.2345 and nothing back
    tally.add(order({ order_id: "o1", chain: chainOf(["dan"]) }), { holdings: [held("dee", "1.85"), held("eve", "0.005"), held("fay", "1.2345")], breakage: "0" })
    tally.add(order({ order_id: "o2", chain: chainOf(["dan"]) }), { holdings: [held("dee", "-1.85"), held("eve", "-0.005")], breakage: "0" })
    const { actual } = tally.result({ draft: "draft", actual: "ledger" })
    expect(actual).toMatchObject({ payout: 1.2345, earners: 1 })
    expect(actual.percentiles).toMatchObject({ p50: 1.2345, max: 1.2345 })
  })

  it("warns above the cap and the shop's share, and names what history cannot say", () => {
    const tally = new SimulationTally(PLAN, "eur")
    tally.add(order({ chain: chainOf(["dan"]) }), { holdings: [], breakage: "0" })
    const totals = tally.result({ draft: "draft", actual: "ledger" })
    const capped = { ...PLAN, max_payout_percent: 5 }
    expect(simulationWarnings(totals, capped, { warn_payout_percent: 8, windows: [30, 7] }).map((w) => w.code)).toEqual([
      "over_cap",
      "over_share",
      "window_changed",
    ])
    expect(simulationWarnings(totals, PLAN, { warn_payout_percent: null, windows: [30] })).toEqual([])
  })
})

describe("SimulationTally against a plain decimal tally (property)", () => {
  // the reference: every amount a MathBN decimal, holdings matched by key, everyone sorted
  function reference(draft: DraftPlan, orders: { order: ReplayOrder; holdings: Holding[]; breakage: string }[]) {
    const side = () => ({ revenue: MathBN.convert(0), payout: MathBN.convert(0), breakage: MathBN.convert(0), perLevel: new Map<number, any>(), earned: new Map<string, any>() })
    const d = side()
    const a = side()
    const handles = new Map<string, string>()
    let changed = 0
    let ordersChanged = 0
    const add = (s: ReturnType<typeof side>, basis: string, holdings: Holding[], breakage: string) => {
      s.revenue = s.revenue.plus(basis)
      s.breakage = s.breakage.plus(breakage)
      for (const h of holdings) {
        s.payout = s.payout.plus(h.amount)
        s.perLevel.set(h.level, (s.perLevel.get(h.level) ?? MathBN.convert(0)).plus(h.amount))
        s.earned.set(h.distributor_id, (s.earned.get(h.distributor_id) ?? MathBN.convert(0)).plus(h.amount))
        handles.set(h.distributor_id, h.handle)
      }
    }
    for (const { order, holdings, breakage } of orders) {
      const replay = replayOrder(order, draft)
      const drafted = holdingsOf(replay)
      const live = holdings.filter((h) => !MathBN.eq(h.amount, 0))
      add(d, order.basis, drafted, replay.breakage)
      add(a, order.basis, live, breakage)
      const key = (h: Holding) => `${h.distributor_id}|${h.level}|${h.earning}`
      const want = new Map(live.map((h) => [key(h), h.amount]))
      let c = 0
      for (const h of drafted) {
        const held = want.get(key(h))
        if (held === undefined || !MathBN.eq(held, h.amount)) c++
        want.delete(key(h))
      }
      c += want.size
      changed += c
      if (c) ordersChanged++
    }
    const changes = [...handles.keys()]
      .map((id) => ({ id, handle: handles.get(id)!, change: (d.earned.get(id) ?? MathBN.convert(0)).minus(a.earned.get(id) ?? MathBN.convert(0)) }))
      .filter((c) => !c.change.isZero())
    const up = changes.filter((c) => c.change.isPositive()).sort((x, y) => y.change.comparedTo(x.change) || x.handle.localeCompare(y.handle))
    const down = changes.filter((c) => c.change.isNegative()).sort((x, y) => x.change.comparedTo(y.change) || x.handle.localeCompare(y.handle))
    const figures = (s: ReturnType<typeof side>) => ({
      revenue: s.revenue.toNumber(),
      payout: s.payout.toNumber(),
      breakage: s.breakage.toNumber(),
      per_level: [...s.perLevel.entries()].sort(([x], [y]) => x - y).map(([level, amount]) => ({ level, amount: amount.toNumber() })),
      earners: [...s.earned.values()].filter((v) => MathBN.gt(v, 0)).length,
    })
    return {
      draft: figures(d),
      actual: figures(a),
      holdings_changed: changed,
      orders_changed: ordersChanged,
      up: up.slice(0, 3).map((c) => [c.handle, c.change.toNumber()]),
      down: down.slice(0, 3).map((c) => [c.handle, c.change.toNumber()]),
    }
  }

  it("sums, counts and ranks exactly as the decimal tally, a ledger amount finer than a cent included", () => {
    const people = ["ann", "bob", "cy", "dee", "eve", "fay"]
    const holding = fc.record({
      who: fc.integer({ min: 0, max: 5 }),
      level: fc.integer({ min: 1, max: 3 }),
      // mostly cents; now and then a finer amount (an adjustment written by hand)
      amount: fc.oneof(fc.integer({ min: -2000, max: 5000 }).map((c) => MathBN.div(c, 100).toString()), fc.constantFrom("0.005", "1.2345", "0")),
    })
    const anOrder = fc.record({
      path: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 5 }),
      cents: fc.integer({ min: 0, max: 100_000 }),
      holdings: fc.array(holding, { maxLength: 4 }),
      breakage: fc.constantFrom("0", "0.0035", "1.25"),
    })
    fc.assert(
      fc.property(fc.array(anOrder, { minLength: 1, maxLength: 12 }), fc.boolean(), (orders, compression) => {
        const draft: DraftPlan = { ...PLAN, compression, levels: [{ level: 1, percent: 7.5 }, { level: 2, percent: 5 }, { level: 3, percent: 1.25 }] }
        const input = orders.map((o, k) => ({
          order: order({ order_id: `o${k}`, basis: MathBN.div(o.cents, 100).toString(), chain: chainOf(o.path.map((i) => people[i])) }),
          // one holding per (distributor, level), as the ledger's sums are
          holdings: [...new Map(o.holdings.map((h) => [`${h.who}|${h.level}`, h])).values()].map((h) => ({
            distributor_id: `dist_${people[h.who]}`,
            handle: people[h.who],
            level: h.level,
            earning: "commission",
            amount: h.amount,
          })),
          breakage: o.breakage,
        }))
        const tally = new SimulationTally(draft, "eur")
        for (const o of input) tally.add(o.order, { holdings: o.holdings, breakage: o.breakage })
        const result = tally.result({ draft: "draft", actual: "ledger" }, 3)
        const want = reference(draft, input)
        const figures = (side: typeof result.draft) => ({ revenue: side.revenue, payout: side.payout, breakage: side.breakage, per_level: side.per_level, earners: side.earners })
        expect(figures(result.draft)).toEqual(want.draft)
        expect(figures(result.actual)).toEqual(want.actual)
        expect([result.holdings_changed, result.orders_changed]).toEqual([want.holdings_changed, want.orders_changed])
        expect(result.draft.top_changes.up.map((c) => [c.handle, c.change])).toEqual(want.up)
        expect(result.draft.top_changes.down.map((c) => [c.handle, c.change])).toEqual(want.down)
      }),
      { numRuns: 300 }
    )
  })
})

describe("syntheticOrders", () => {
  const shape = { distributors: 2000, depth: 5, orders: 3000, average_basis: 40, seed: 3 }
  const take = (s = shape) => [...syntheticOrders(s, "eur", { min_pv: 0, window_days: 30 }, []).orders]

  it("is the same network for the same seed and another for another", () => {
    const a = take()
    expect(take().map((o) => [o.basis, o.chain.map((b) => b.id)])).toEqual(a.map((o) => [o.basis, o.chain.map((b) => b.id)]))
    expect(take({ ...shape, seed: 4 }).map((o) => o.basis)).not.toEqual(a.map((o) => o.basis))
  })

  it("keeps to the depth and draws bases from 0.5x to 1.5x the average, in cents", () => {
    const { orders, max_depth_reached } = syntheticOrders(shape, "eur", { min_pv: 0, window_days: 30 }, [])
    expect(max_depth_reached).toBeLessThanOrEqual(5)
    for (const o of orders) {
      expect(o.chain.length).toBeLessThanOrEqual(6)
      expect(Number(o.basis)).toBeGreaterThanOrEqual(20)
      expect(Number(o.basis)).toBeLessThanOrEqual(60)
      expect(o.basis).toMatch(/^\d+(\.\d{1,2})?$/)
    }
  })

  it("gives each distributor their own orders' PV and their team's GV", () => {
    const small = { distributors: 30, depth: 3, orders: 200, average_basis: 10, seed: 9 }
    const orders = take(small)
    const pv = new Map<string, number>()
    for (const o of orders) pv.set(o.chain[0].id, (pv.get(o.chain[0].id) ?? 0) + Math.round(Number(o.basis) * 100))
    const top = orders.map((o) => o.chain[o.chain.length - 1]).find((b) => b.id === "synthetic_0")!
    // the root's GV is every order's basis
    expect(Math.round(Number(top.qualification!.gv) * 100)).toBe(orders.reduce((s, o) => s + Math.round(Number(o.basis) * 100), 0))
    for (const o of orders) expect(Math.round(Number(o.chain[0].qualification!.pv) * 100)).toBe(pv.get(o.chain[0].id))
  })
})

describe("income disclosure", () => {
  it("counts zero earners and groups by title along the plan's ladder", () => {
    const report = incomeDisclosure({
      currency_code: "eur",
      from: new Date("2026-01-01T00:00:00Z"),
      to: new Date("2026-12-31T23:59:59.999Z"),
      enrolled: [
        { rank: "Gold", count: 1 },
        { rank: null, count: 6 },
        { rank: "Silver", count: 3 },
      ],
      earnings: [
        { distributor_id: "a", amount: "120.00", rank: "Gold" },
        { distributor_id: "b", amount: "10.00", rank: "Silver" },
        { distributor_id: "c", amount: "4.00", rank: "Silver" },
        { distributor_id: "d", amount: "1.00", rank: null },
      ],
      clawbacks: "-3.00",
      volume: [
        { own: false, orders: 7, basis: "700.00" },
        { own: true, orders: 2, basis: "300.00" },
      ],
      ladder: ["Silver", "Gold"],
    })
    // 10 counted: 0 x 6, 1, 4, 10, 120 -> median (0 + 0) / 2 = 0, p75 rank 8 = 4, p90 rank 9 = 10, max 120, mean 13.50
    expect(report).toMatchObject({
      distributors: 10,
      earners: 4,
      earners_share: 40,
      total: 135,
      mean: 13.5,
      median: 0,
      percentiles: { p10: 0, p25: 0, p50: 0, p75: 4, p90: 10, p99: 120, max: 120 },
      clawbacks: -3,
      volume: { orders: 9, total: 1000, customers: 700, customers_share: 70, distributors_own: 300, distributors_own_share: 30 },
    })
    expect(report.by_rank.map((g) => [g.rank, g.distributors, g.earners, g.median])).toEqual([
      [null, 6, 1, 0],
      ["Silver", 3, 2, 4],
      ["Gold", 1, 1, 120],
    ])
  })

  it("a group is its count, even when nobody earned", () => {
    expect(disclosureGroup([], 4, "eur")).toMatchObject({ distributors: 4, earners: 0, earners_share: 0, total: 0, mean: 0, median: 0, percentiles: { max: 0 } })
  })
})
