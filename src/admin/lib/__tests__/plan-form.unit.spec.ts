import fc from "fast-check"
import { checkPlanForm, formOf, planDiff, tenThousandths } from "../plan-form"
import type { Plan } from "../../../types/admin"

const form = (levels: string[], extra: Partial<ReturnType<typeof formOf>> = {}) => ({
  ...formOf(null),
  levels,
  level_ranks: levels.map(() => ""),
  ...extra,
})
const active: Plan = {
  id: "p", version: 3, name: "Launch", levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5 }],
  max_payout_percent: 50, hold_days: 30, compression: true, retail_profit: false, created_by: null, created_at: "",
  activity: { min_pv: 0, window_days: 30 }, ranks: [], min_payout: {},
}

describe("the plan editor's rules", () => {
  it("says which level is wrong, numbered from 1, in the page's words", () => {
    const { errors, plan } = checkPlanForm(form(["10", "abc", "150", "0", "1.23456", ""]))
    expect(plan).toBeNull()
    expect(errors.levels).toEqual([
      null,
      "A percent for level 2 must be a number, such as 10 or 2.5",
      "Must be at most 100 %",
      "Must be more than 0 %",
      "Use at most 4 decimals",
      "Enter a percent for level 6",
    ])
  })

  it("refuses levels above the cap, with the exact sum", () => {
    expect(checkPlanForm(form(["30", "20.0001"])).errors.total).toBe(
      "The levels add up to 50.0001 %, more than the cap of 50 %. Lower a level or raise the cap."
    )
    expect(checkPlanForm(form(["33.3333", "33.3333", "33.3334"], { max_payout_percent: "100" })).errors.total).toBeNull()
  })

  it("checks the cap and the hold", () => {
    const { errors } = checkPlanForm(form(["10"], { max_payout_percent: "101", hold_days: "2.5" }))
    expect([errors.max_payout_percent, errors.hold_days]).toEqual(["Must be at most 100 %", "Enter whole days from 0 to 3650"])
    expect(checkPlanForm(form(["10"], { hold_days: "3651" })).errors.hold_days).toBe("Enter whole days from 0 to 3650")
  })

  it("builds the API's plan from a valid form, retail profit included", () => {
    expect(checkPlanForm(form(["12.5", "5"], { retail_profit: true, hold_days: "0", name: " Autumn " })).plan).toEqual({
      name: "Autumn",
      levels: [{ level: 1, percent: 12.5 }, { level: 2, percent: 5 }],
      max_payout_percent: 50,
      hold_days: 0,
      compression: true,
      retail_profit: true,
      activity: { min_pv: 0, window_days: 30 },
      ranks: [],
      min_payout: {},
    })
  })

  it("reads the minimum payout per currency, says what is wrong, and shows the change", () => {
    expect(checkPlanForm(form(["10"], { min_payout: "EUR 50, usd: 40.5" })).plan?.min_payout).toEqual({ eur: 50, usd: 40.5 })
    expect(checkPlanForm(form(["10"], { min_payout: "euro 50" })).errors.min_payout).toBe(
      '"euro 50" is not a currency and an amount, e.g. "eur 50" (at most 2 decimals)'
    )
    expect(checkPlanForm(form(["10"], { min_payout: "eur 5, EUR 6" })).errors.min_payout).toBe("EUR is given twice")
    expect(checkPlanForm(form(["10"], { min_payout: "eur 5.001" })).plan).toBeNull()
    const next = checkPlanForm({ ...formOf(active), min_payout: "eur 50" }).plan!
    expect(planDiff(active, next)).toEqual(["Minimum payout: none → eur 50"])
    expect(formOf({ ...active, min_payout: { eur: 50, usd: 40 } }).min_payout).toBe("eur 50, usd 40")
  })

  it("checks activity, the rank ladder and each level's rank, and builds them", () => {
    const ranks = [
      { name: "Bronze", min_pv: "50", min_gv: "0", min_active_legs: "0" },
      { name: "Silver", min_pv: "50", min_gv: "150.5", min_active_legs: "1" },
    ]
    const good = checkPlanForm(form(["10", "5"], { level_ranks: ["", "Silver"], min_pv: "50", window_days: "30", ranks }))
    expect(good.plan).toMatchObject({
      levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5, min_rank: "Silver" }],
      activity: { min_pv: 50, window_days: 30 },
      ranks: [
        { name: "Bronze", min_pv: 50, min_gv: 0, min_active_legs: 0 },
        { name: "Silver", min_pv: 50, min_gv: 150.5, min_active_legs: 1 },
      ],
    })
    const bad = checkPlanForm(
      form(["10", "5"], {
        level_ranks: ["", "Gold"],
        min_pv: "1.234",
        window_days: "0",
        ranks: [ranks[1], ranks[0], { name: "bronze", min_pv: "x", min_gv: "0", min_active_legs: "0" }],
      })
    )
    expect(bad.plan).toBeNull()
    expect(bad.errors).toMatchObject({
      level_ranks: [null, '"Gold" is no longer a rank: pick another or any'],
      min_pv: "Minimum PV: points, 0 or more, at most 2 decimals",
      window_days: "Enter whole days from 1 to 366",
      ranks: [null, 'Ranks go lowest first: ask at least as much as "Silver" in every minimum and more in one', '"bronze" appears twice'],
    })
    const activeRanked = { ...active, ranks: [{ name: "Bronze", min_pv: 50, min_gv: 0, min_active_legs: 0 }] }
    const next = checkPlanForm(form(["10", "5"], { level_ranks: ["", "Bronze"], min_pv: "50", ranks: [ranks[0]] })).plan!
    expect(planDiff(activeRanked, next)).toEqual(["Level 2 rank: any → Bronze", "Activity: 0 PV in 30 days → 50 PV in 30 days"])
  })

  it("accepts exactly the sums at or under the cap (property)", () => {
    const percent = fc.integer({ min: 1, max: 1_000_000 }) // ten-thousandths: 0.0001 % .. 100 %
    fc.assert(
      fc.property(fc.array(percent, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1_000_000 }), (levels, cap) => {
        const text = (tt: number) => String(tt / 10000)
        const { plan } = checkPlanForm(form(levels.map(text), { max_payout_percent: text(cap) }))
        const sum = levels.reduce((a, b) => a + b, 0)
        expect(plan !== null).toBe(sum <= cap)
      })
    )
    expect(tenThousandths("0.0001")).toBe(1)
    expect(tenThousandths("1e3")).toBeNull()
  })

  it("describes what a save changes against the active version", () => {
    const next = checkPlanForm(form(["10", "6", "2"], { max_payout_percent: "40", retail_profit: true, name: "Launch" })).plan!
    expect(planDiff(active, next)).toEqual([
      "Level 2: 5 % → 6 %",
      "Level 3: added at 2 %",
      "Cap: 50 % → 40 %",
      "Retail profit: off → on",
    ])
    expect(planDiff(active, { ...next, levels: [{ level: 1, percent: 10 }] })).toContain("Level 2: removed (was 5 %)")
    expect(planDiff(null, next)).toEqual(["Levels 10 % / 6 % / 2 %, cap 40 %, hold 30 days (first version)"])
  })
})
