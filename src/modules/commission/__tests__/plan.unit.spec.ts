import { planSettings, validatePlan } from "../utils/plan"

describe("compensation plan rules", () => {
  it("accepts 10/5/3 under the default 50% cap and fills in the defaults", () => {
    const plan = { levels: [{ level: 2, percent: 5 }, { level: 1, percent: 10 }, { level: 3, percent: 3 }] }
    expect(validatePlan(plan)).toEqual([])
    expect(planSettings(plan)).toEqual({
      name: "Compensation plan",
      levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5 }, { level: 3, percent: 3 }],
      max_payout_percent: 50,
      min_payout: {},
      hold_days: 30,
      compression: true,
      retail_profit: false,
      activity: { min_pv: 0, window_days: 30 },
      ranks: [],
    })
  })

  it("checks the activity rule, the rank ladder (lowest first) and each level's min_rank", () => {
    const ranks = [
      { name: "Bronze", min_pv: 50, min_gv: 0, min_active_legs: 0 },
      { name: "Silver", min_pv: 50, min_gv: 500, min_active_legs: 2 },
    ]
    expect(validatePlan({ levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5, min_rank: "Silver" }], activity: { min_pv: 50, window_days: 30 }, ranks })).toEqual([])
    expect(
      validatePlan({
        levels: [{ level: 1, percent: 10, min_rank: "Gold" }],
        activity: { min_pv: -1, window_days: 0 },
        ranks: [ranks[1], ranks[0], { name: "silver", min_pv: 60, min_gv: 600, min_active_legs: 1.5 }],
      })
    ).toEqual([
      "activity.min_pv: must be 0 or more",
      "activity.window_days: must be a whole number of days from 1 to 366",
      'ranks[2]: ranks go lowest first; "Bronze" must ask at least as much as "Silver" in every minimum and more in one',
      'ranks[3].name: "silver" appears more than once',
      "ranks[3].min_active_legs: must be a whole number, 0 or more",
      'levels: level 1 min_rank "Gold" is not one of the plan\'s ranks',
    ])
  })

  it("rejects percents that add up above the cap", () => {
    expect(validatePlan({ levels: [{ level: 1, percent: 30 }, { level: 2, percent: 25 }] })).toEqual([
      "levels: the percents add up to 55, above max_payout_percent 50",
    ])
    expect(validatePlan({ levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5 }], max_payout_percent: 12 })).toEqual([
      "levels: the percents add up to 15, above max_payout_percent 12",
    ])
    expect(validatePlan({ levels: [{ level: 1, percent: 12.5 }, { level: 2, percent: 12.5 }], max_payout_percent: 25 })).toEqual([])
  })

  it("rejects a gap and a duplicate in the levels", () => {
    expect(validatePlan({ levels: [{ level: 1, percent: 10 }, { level: 3, percent: 3 }] })).toEqual([
      "levels: levels must be 1, 2, 3, ... without gaps; level 2 is missing",
    ])
    expect(validatePlan({ levels: [{ level: 1, percent: 10 }, { level: 1, percent: 3 }] })).toEqual([
      "levels: level 1 appears more than once",
    ])
  })

  it("rejects percents of 0 or less, above 100, or with more than 4 decimals", () => {
    expect(validatePlan({ levels: [{ level: 1, percent: 0 }] })).toEqual(["levels: level 1 percent must be greater than 0"])
    expect(validatePlan({ levels: [{ level: 1, percent: -1 }] })).toEqual(["levels: level 1 percent must be greater than 0"])
    expect(validatePlan({ levels: [{ level: 1, percent: 101 }], max_payout_percent: 100 })).toEqual([
      "levels: level 1 percent must be at most 100",
      "levels: the percents add up to 101, above max_payout_percent 100",
    ])
    expect(validatePlan({ levels: [{ level: 1, percent: 1.23456 }] })).toEqual([
      "levels: level 1 percent may have at most 4 decimals",
    ])
    expect(validatePlan({ levels: [{ level: 1, percent: 1.2345 }] })).toEqual([])
  })

  it("rejects hold days below 0 or above ten years, an empty plan and more than 50 levels", () => {
    expect(validatePlan({ levels: [{ level: 1, percent: 1 }], hold_days: -1 })).toEqual([
      "hold_days: must be a whole number of days from 0 to 3650",
    ])
    expect(validatePlan({ levels: [{ level: 1, percent: 1 }], hold_days: 3651 })).toEqual([
      "hold_days: must be a whole number of days from 0 to 3650",
    ])
    expect(validatePlan({ levels: [{ level: 1, percent: 1 }], hold_days: 3650 })).toEqual([])
    expect(validatePlan({ levels: [] })).toEqual(["levels: give at least one level"])
    const many = Array.from({ length: 51 }, (_, i) => ({ level: i + 1, percent: 0.5 }))
    expect(validatePlan({ levels: many, max_payout_percent: 100 })).toEqual(["levels: at most 50 levels"])
  })
})
