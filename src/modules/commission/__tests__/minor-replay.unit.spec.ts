import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import { MinorReplay, roundHalfUp } from "../utils/minor-replay"
import { DraftPlan, draftJudge, draftRules, holdingsOf, ReplayOrder, replayOrder } from "../utils/simulation"
import { Beneficiary } from "../utils/compute-commission-lines"
import { currencyDigits, minorUnitsOf } from "../utils/money"

const RANKS = [
  { name: "Silver", min_pv: 50, min_gv: 0, min_active_legs: 0 },
  { name: "Gold", min_pv: 50, min_gv: 1000, min_active_legs: 2 },
]
const RULES = { min_pv: 50, window_days: 30, ranks: ["Silver", "Gold"] }

const replayerOf = (draft: DraftPlan, currency: string) =>
  new MinorReplay(draft, currency, { judge: draftJudge(draft), rules: draftRules(draft) })

/** The reference replay's holdings and breakage, in the integer replay's units. */
function reference(order: ReplayOrder, draft: DraftPlan, fineDigits: number) {
  const computed = replayOrder(order, draft)
  const digits = currencyDigits(order.currency_code)
  return {
    lines: holdingsOf(computed).map((h) => ({ distributor_id: h.distributor_id, handle: h.handle, level: h.level, earning: h.earning, units: minorUnitsOf(h.amount, digits) })),
    breakage_fine: Number(MathBN.mult(computed.breakage, 10 ** fineDigits).toString()),
    retail_profit_unknown: computed.retail_profit_unknown,
  }
}

describe("MinorReplay (the replay in integer minor units)", () => {
  it("rounds half-up, away from zero on a tie, without floating point error", () => {
    expect(roundHalfUp(5, 10)).toBe(1) // 0.5 -> 1
    expect(roundHalfUp(4, 10)).toBe(0)
    expect(roundHalfUp(-5, 10)).toBe(-1)
    expect(roundHalfUp(14_999, 10_000)).toBe(1)
    expect(roundHalfUp(15_000, 10_000)).toBe(2)
    // 2^52 + 1 over 2: a float division would round the tie itself
    expect(roundHalfUp(4_503_599_627_370_497, 2)).toBe(2_251_799_813_685_249)
  })

  it("pays a hand-computed order: 99.80 EUR at 12 / 7.5 / 3 %, a skip and an unpaid level", () => {
    const draft: DraftPlan = {
      levels: [
        { level: 1, percent: 12 },
        { level: 2, percent: 7.5 },
        { level: 3, percent: 3 },
        { level: 4, percent: 2, min_rank: "Gold" },
      ],
      compression: true,
      retail_profit: false,
      activity: { min_pv: 50, window_days: 30 },
      ranks: RANKS,
      max_payout_percent: 60,
    }
    const chain: Beneficiary[] = [
      { id: "d_dan", handle: "dan", status: "active", qualification: { pv: "60", gv: "60", active_legs: 0, active: true, rank: null } },
      { id: "d_cleo", handle: "cleo", status: "active", qualification: { pv: "10", gv: "70", active_legs: 0, active: false, rank: null } },
      { id: "d_ben", handle: "ben", status: "active", qualification: { pv: "80", gv: "900", active_legs: 2, active: true, rank: null } },
      { id: "d_anna", handle: "anna", status: "active", qualification: { pv: "55", gv: "955", active_legs: 1, active: true, rank: null } },
    ]
    const replay = replayerOf(draft, "eur")
    const result = replay.replay({ order_id: "o1", currency_code: "eur", attribution_source: "link", basis: "99.80", chain, rules: RULES, retail_margin: null })!
    // dan 11.976 -> 11.98; cleo (10 PV) skipped; ben 7.485 -> 7.49; anna 2.994 -> 2.99; nobody Gold is left for level 4
    expect(result.lines.map((l) => [l.handle, l.level, l.units])).toEqual([
      ["dan", 1, 1198],
      ["ben", 2, 749],
      ["anna", 3, 299],
    ])
    // fine units are 10^-5 EUR (2 cents digits + 2 for the percent + 1 for 7.5): plan 24.451 (24.5 % of 99.80) - 22.46 paid = 1.991
    expect(replay.fineDigits).toBe(5)
    expect(result.breakage_fine).toBe(199_100)
    expect(result.basis_units).toBe(9980)
  })

  it("leaves to the decimal replay what does not fit in whole minor units", () => {
    const draft: DraftPlan = { levels: [{ level: 1, percent: 10 }], compression: true, retail_profit: true, activity: { min_pv: 0, window_days: 30 }, ranks: [], max_payout_percent: 50 }
    const replay = replayerOf(draft, "eur")
    const base = { order_id: "o", currency_code: "eur", attribution_source: "link", chain: [{ id: "a", handle: "a", status: "active" as const }], rules: null }
    expect(replay.replay({ ...base, basis: "10.005", retail_margin: null })).toBeNull()
    expect(replay.replay({ ...base, basis: "10.00", retail_margin: "1.234" })).toBeNull()
    expect(replay.replay({ ...base, basis: "90071992547409.91", retail_margin: null })).toBeNull()
    expect(replay.replay({ ...base, basis: "10.00", retail_margin: "1.23" })!.lines).toEqual([{ distributor_id: "a", handle: "a", level: 1, earning: "retail_profit", units: 123 }])
  })

  it("pays exactly what computeCommissionLines pays, line for line and breakage included, in EUR, JPY and KWD (property)", () => {
    const member = fc.record({
      status: fc.constantFrom("active", "active", "active", "inactive", "terminated"),
      pv: fc.integer({ min: 0, max: 200 }),
      gv: fc.integer({ min: 0, max: 20000 }),
      legs: fc.integer({ min: 0, max: 4 }),
      hold: fc.constantFrom(null, null, null, "held"),
    })
    const level = fc.record({
      // percents with up to 3 decimals
      percent: fc.integer({ min: 0, max: 25_000 }).map((n) => n / 1000),
      gold: fc.boolean(),
    })
    fc.assert(
      fc.property(
        fc.array(member, { minLength: 0, maxLength: 14 }),
        fc.array(level, { minLength: 1, maxLength: 9 }),
        fc.record({
          compression: fc.boolean(),
          retail: fc.boolean(),
          margin: fc.option(fc.integer({ min: 0, max: 50_000 })),
          source: fc.constantFrom("link", "self", "code"),
          minPv: fc.integer({ min: 0, max: 120 }),
          frozen: fc.boolean(),
          currency: fc.constantFrom("eur", "jpy", "kwd"),
          units: fc.integer({ min: 0, max: 100_000_000 }),
        }),
        (people, levels, o) => {
          const draft: DraftPlan = {
            levels: levels.map((l, i) => ({ level: i + 1, percent: l.percent, ...(l.gold ? { min_rank: "Gold" } : {}) })),
            compression: o.compression,
            retail_profit: o.retail,
            activity: { min_pv: o.minPv, window_days: 30 },
            ranks: RANKS,
            max_payout_percent: 100,
          }
          const digits = currencyDigits(o.currency)
          const chain: Beneficiary[] = people.map((p, i) => ({
            id: `d${i}`,
            handle: `h${i}`,
            status: p.status as Beneficiary["status"],
            hold: p.hold,
            ...(o.frozen ? { qualification: { pv: String(p.pv), gv: String(p.gv), active_legs: p.legs, active: true, rank: null } } : {}),
          }))
          const order: ReplayOrder = {
            order_id: "o",
            currency_code: o.currency,
            attribution_source: o.source,
            basis: MathBN.div(o.units, 10 ** digits).toFixed(digits),
            chain,
            rules: o.frozen ? RULES : null,
            retail_margin: o.margin == null ? null : MathBN.div(o.margin, 10 ** digits).toFixed(digits),
          }
          const replay = replayerOf(draft, o.currency)
          const result = replay.replay(order)
          expect(result).not.toBeNull()
          const { basis_units, ...rest } = result!
          expect(basis_units).toBe(o.units)
          expect(rest).toEqual(reference(order, draft, replay.fineDigits))
        }
      ),
      { numRuns: 2000 }
    )
  })
})
