import { activeUntil, isActive, orderVolume, qualifyChain, rankChanges, rankOf } from "../utils/qualification"
import { computeCommissionLines, Beneficiary } from "../utils/compute-commission-lines"

/**
 * The plan rules of issue 12 as plan examples. Days are UTC day numbers: day 100 is the order's
 * day; a 30-day window ending on day 100 holds days 71..100.
 */
const activity = { min_pv: 100, window_days: 30 }
const ranks = [
  { name: "Bronze", min_pv: 100, min_gv: 0, min_active_legs: 0 },
  { name: "Silver", min_pv: 100, min_gv: 1000, min_active_legs: 2 },
  { name: "Gold", min_pv: 100, min_gv: 5000, min_active_legs: 3 },
]

describe("activity over a rolling window", () => {
  it("counts an order 29 days back and not one 30 days back (window of 30 ending on the order's day)", () => {
    expect(activeUntil([{ day: 71, pv: 100 }], activity, 100)).toBe(100)
    expect(activeUntil([{ day: 70, pv: 100 }], activity, 100)).toBeNull()
  })

  it("reaches min_pv at exactly 100.00 PV (>=) and not at 99.99", () => {
    expect(activeUntil([{ day: 90, pv: "60" }, { day: 100, pv: "40" }], activity, 100)).toBe(119)
    expect(activeUntil([{ day: 90, pv: "60" }, { day: 100, pv: "39.99" }], activity, 100)).toBeNull()
  })

  it("stays active until the newest day whose window still holds enough: 60 on day 90 + 50 on day 100 -> day 119", () => {
    // from day 120 the window (91..120) holds only day 100's 50 PV
    expect(activeUntil([{ day: 90, pv: 60 }, { day: 100, pv: 50 }], activity, 100)).toBe(119)
    // 150 PV on day 100 alone keeps them active through day 129
    expect(activeUntil([{ day: 90, pv: 60 }, { day: 100, pv: 150 }], activity, 100)).toBe(129)
  })

  it("with min_pv 0, status decides who earns; activity for legs means any PV in the window", () => {
    expect(isActive("active", 0, { min_pv: 0, window_days: 30 })).toBe(true)
    expect(isActive("inactive", 500, { min_pv: 0, window_days: 30 })).toBe(false)
    expect(activeUntil([], { min_pv: 0, window_days: 30 }, 100)).toBeNull()
    expect(activeUntil([{ day: 100, pv: "0.01" }], { min_pv: 0, window_days: 30 }, 100)).toBe(129)
  })
})

describe("the rank ladder", () => {
  it("gives the highest rank whose every minimum is reached (>=)", () => {
    expect(rankOf(ranks, { pv: 99, gv: 10_000, active_legs: 5 })).toBeNull()
    expect(rankOf(ranks, { pv: 100, gv: 999.99, active_legs: 5 })).toBe("Bronze")
    expect(rankOf(ranks, { pv: 100, gv: 1000, active_legs: 2 })).toBe("Silver")
    expect(rankOf(ranks, { pv: 100, gv: 5000, active_legs: 2 })).toBe("Silver")
    expect(rankOf(ranks, { pv: 100, gv: 5000, active_legs: 3 })).toBe("Gold")
  })

  it("moves the current rank both ways and keeps the highest ever reached as the title", () => {
    const stored = [
      { id: "a", rank: "Silver", highest_rank: "Gold" },
      { id: "b", rank: null, highest_rank: null },
      { id: "c", rank: "Bronze", highest_rank: "Bronze" },
    ]
    const facts = {
      a: { pv: "100", gv: "200", active_legs: 0 },
      b: { pv: "100", gv: "1000", active_legs: 2 },
      c: { pv: "100", gv: "0", active_legs: 0 },
    }
    expect(rankChanges(stored, facts, ranks)).toEqual({
      saves: [
        { id: "a", rank: "Bronze", highest_rank: "Gold" },
        { id: "b", rank: "Silver", highest_rank: "Silver" },
      ],
      changes: [
        { distributor_id: "a", rank: "Bronze", previous_rank: "Silver" },
        { distributor_id: "b", rank: "Silver", previous_rank: null },
      ],
    })
  })
})

describe("an order's PV", () => {
  const rates = { kit: { pv_per_unit: "50", commissionable: false }, tea: { pv_per_unit: "12.5", commissionable: true } }
  it("counts commissionable products only: 3 teas at 12.5 PV and a starter kit = 37.50 PV", () => {
    const items = [
      { product_id: "tea", quantity: 3, commissionable: true },
      { product_id: "kit", quantity: 1, commissionable: true },
      { product_id: "unknown", quantity: 4, commissionable: true },
    ]
    expect(orderVolume({ canceled: false, items, rates, basis: "90", full_basis: "90" })).toBe("37.5")
    expect(orderVolume({ canceled: true, items, rates, basis: "0", full_basis: "90" })).toBe("0")
  })

  it("follows a partial refund in proportion: a third of the basis refunded leaves 25 of 37.5 PV", () => {
    const items = [{ product_id: "tea", quantity: 3, commissionable: true }]
    expect(orderVolume({ canceled: false, items, rates, basis: "60", full_basis: "90" })).toBe("25")
    // 37.5 x 10 / 90 = 4.1666.. -> 4.17 (2 decimals, half-up)
    expect(orderVolume({ canceled: false, items, rates, basis: "10", full_basis: "90" })).toBe("4.17")
  })

  it("drops an item a host app's hook excluded", () => {
    expect(orderVolume({ canceled: false, items: [{ product_id: "tea", quantity: 3, commissionable: false }], rates, basis: "90", full_basis: "90" })).toBe("0")
  })
})

describe("compression past a not-active and a rank-below distributor (plan 10 / 5 / 3, level 3 needs Silver)", () => {
  const levels = [
    { level: 1, percent: 10 },
    { level: 2, percent: 5 },
    { level: 3, percent: 3, min_rank: "Silver" },
  ]
  const plan = { activity, ranks }
  const people = (statuses: Record<string, { pv: number; gv: number; legs: number }>) => {
    const chain: Beneficiary[] = Object.keys(statuses).map((handle) => ({ id: `dist_${handle}`, handle, status: "active" }))
    const facts = Object.fromEntries(
      Object.entries(statuses).map(([handle, f]) => [`dist_${handle}`, { pv: String(f.pv), gv: String(f.gv), active_legs: f.legs }])
    )
    return qualifyChain(chain, facts, plan)
  }
  const chain = people({
    ana: { pv: 120, gv: 120, legs: 0 }, // Bronze: level 1
    ben: { pv: 40, gv: 3000, legs: 3 }, // not active (40 < 100): passed over
    cat: { pv: 100, gv: 400, legs: 1 }, // Bronze: takes level 2, but is below Silver for level 3
    dan: { pv: 100, gv: 2000, legs: 2 }, // Silver: takes level 3
  })

  it("pays ana 10, cat 5, dan 3 of a 100.00 basis and explains each skip", () => {
    const result = computeCommissionLines({ basis: "100", currency_code: "eur", levels, compression: true, chain, rules: { min_pv: 100, ranks: ranks.map((r) => r.name) } })
    expect(result.lines.map((l) => [l.distributor_handle, l.level, l.amount])).toEqual([
      ["ana", 1, "10"],
      ["cat", 2, "5"],
      ["dan", 3, "3"],
    ])
    expect(result.skipped).toEqual([
      { handle: "ben", reason: "not_active", pv: 40, min_pv: 100 },
    ])
    expect(result.breakage).toBe("0")
  })

  it("rolls level 3 past a Bronze to the next Silver, recording rank_below", () => {
    const short = people({
      ana: { pv: 120, gv: 120, legs: 0 },
      cat: { pv: 100, gv: 400, legs: 1 },
      eve: { pv: 100, gv: 400, legs: 1 },
      dan: { pv: 100, gv: 2000, legs: 2 },
    })
    const result = computeCommissionLines({ basis: "100", currency_code: "eur", levels, compression: true, chain: short, rules: { min_pv: 100, ranks: ranks.map((r) => r.name) } })
    expect(result.lines.map((l) => [l.distributor_handle, l.level, l.amount])).toEqual([
      ["ana", 1, "10"],
      ["cat", 2, "5"],
      ["dan", 3, "3"],
    ])
    expect(result.skipped).toEqual([{ handle: "eve", reason: "rank_below", rank: "Bronze", min_rank: "Silver", level: 3 }])
  })

  it("without compression the level goes to breakage: 5.00 for ben (not active), 3.00 for cat (rank below)", () => {
    const result = computeCommissionLines({ basis: "100", currency_code: "eur", levels, compression: false, chain, rules: { min_pv: 100, ranks: ranks.map((r) => r.name) } })
    expect(result.lines.map((l) => [l.distributor_handle, l.level, l.amount])).toEqual([["ana", 1, "10"]])
    expect(result.skipped).toEqual([
      { handle: "ben", reason: "not_active", pv: 40, min_pv: 100 },
      { handle: "cat", reason: "rank_below", rank: "Bronze", min_rank: "Silver", level: 3 },
    ])
    expect(result.breakage).toBe("8")
    expect(result.unpaid_levels).toEqual([2, 3])
  })

  it("a host app's hold passes a distributor over with its reason", () => {
    const held = qualifyChain(
      [{ id: "dist_ana", handle: "ana", status: "active" as const }, { id: "dist_dan", handle: "dan", status: "active" as const }],
      { dist_ana: { pv: "120", gv: "120", active_legs: 0 }, dist_dan: { pv: "100", gv: "2000", active_legs: 2 } },
      plan,
      { dist_ana: "compliance hold" }
    )
    const result = computeCommissionLines({ basis: "100", currency_code: "eur", levels: levels.slice(0, 1), compression: true, chain: held, rules: { min_pv: 100, ranks: ranks.map((r) => r.name) } })
    expect(result.lines.map((l) => [l.distributor_handle, l.amount])).toEqual([["dan", "10"]])
    expect(result.skipped).toEqual([{ handle: "ana", reason: "not_eligible", note: "compliance hold" }])
  })
})
