import { clawbackAmount, computeCommissionLines, Beneficiary } from "../utils/compute-commission-lines"
import { roundToMinorUnit } from "../utils/money"

const active = (handle: string): Beneficiary => ({ id: `dist_${handle}`, handle, status: "active" })
const inactive = (handle: string): Beneficiary => ({ id: `dist_${handle}`, handle, status: "inactive" })
const terminated = (handle: string): Beneficiary => ({ id: `dist_${handle}`, handle, status: "terminated" })

const plan10_5_3 = [
  { level: 1, percent: 10 },
  { level: 2, percent: 5 },
  { level: 3, percent: 3 },
]

describe("computing commission lines", () => {
  it("pays levels 10/5/3 on a 100.00 EUR basis: 10.00, 5.00, 3.00, no breakage", () => {
    const result = computeCommissionLines({
      basis: "100.00",
      currency_code: "eur",
      levels: plan10_5_3,
      compression: true,
      chain: [active("cleo"), active("ben"), active("anna")],
    })
    expect(result.lines.map((l) => [l.level, l.distributor_handle, l.percent, l.amount])).toEqual([
      [1, "cleo", "10", "10"],
      [2, "ben", "5", "5"],
      [3, "anna", "3", "3"],
    ])
    expect(result).toMatchObject({ basis: "100", plan_amount: "18", breakage: "0", unpaid_levels: [], skipped: [] })
    expect(result.upline).toEqual(["cleo", "ben", "anna"])
  })

  it("rounds a 1,000 JPY order at 3.3% to whole yen: 33 JPY", () => {
    const result = computeCommissionLines({
      basis: 1000,
      currency_code: "jpy",
      levels: [{ level: 1, percent: 3.3 }],
      compression: true,
      chain: [active("kenji")],
    })
    expect(result.lines[0]).toMatchObject({ amount: "33", rounding: "0" })
    const odd = computeCommissionLines({ basis: 1015, currency_code: "jpy", levels: [{ level: 1, percent: 3.3 }], compression: true, chain: [active("kenji")] })
    // 3.3% of 1,015 JPY = 33.495 JPY -> 33 JPY; 0.495 JPY is breakage
    expect(odd.lines[0]).toMatchObject({ amount: "33", rounding: "-0.495" })
    expect(odd).toMatchObject({ plan_amount: "33.495", breakage: "0.495" })
  })

  it("rounds a 3-decimal currency to fils: 12.345 KWD at 7.5% is 0.926 KWD", () => {
    const result = computeCommissionLines({
      basis: "12.345",
      currency_code: "kwd",
      levels: [{ level: 1, percent: 7.5 }],
      compression: true,
      chain: [active("amal")],
    })
    // 7.5% of 12.345 = 0.925875 -> 0.926 (half-up); breakage -0.000125 (rounded up, paid from breakage)
    expect(result.lines[0].amount).toBe("0.926")
    expect(result.breakage).toBe("-0.000125")
  })

  it("rounds half up: 5% of 0.10 EUR = 0.005 -> 0.01", () => {
    expect(roundToMinorUnit("0.005", "eur").toString()).toBe("0.01")
    expect(roundToMinorUnit("0.0049", "eur").toString()).toBe("0")
    expect(roundToMinorUnit("-0.005", "eur").toString()).toBe("-0.01")
  })

  it("with compression, skips two inactive distributors and rolls the levels up", () => {
    const result = computeCommissionLines({
      basis: "200.00",
      currency_code: "eur",
      levels: plan10_5_3,
      compression: true,
      chain: [active("dan"), inactive("cleo"), terminated("ben"), active("anna"), active("root")],
    })
    expect(result.lines.map((l) => [l.level, l.distributor_handle, l.amount])).toEqual([
      [1, "dan", "20"],
      [2, "anna", "10"],
      [3, "root", "6"],
    ])
    expect(result.skipped).toEqual([
      { handle: "cleo", reason: "inactive" },
      { handle: "ben", reason: "terminated" },
    ])
    expect(result.breakage).toBe("0")
  })

  it("without compression, an inactive distributor's level goes unpaid (breakage)", () => {
    const result = computeCommissionLines({
      basis: "200.00",
      currency_code: "eur",
      levels: plan10_5_3,
      compression: false,
      chain: [active("dan"), inactive("cleo"), active("anna")],
    })
    expect(result.lines.map((l) => [l.level, l.distributor_handle, l.amount])).toEqual([
      [1, "dan", "20"],
      [3, "anna", "6"],
    ])
    expect(result).toMatchObject({ unpaid_levels: [2], breakage: "10", skipped: [{ handle: "cleo", reason: "inactive" }] })
  })

  it("reaches the top of the tree before the last level: the rest is breakage", () => {
    const result = computeCommissionLines({
      basis: "80.00",
      currency_code: "eur",
      levels: [...plan10_5_3, { level: 4, percent: 2 }],
      compression: true,
      chain: [active("ben"), active("anna")],
    })
    expect(result.lines.map((l) => l.amount)).toEqual(["8", "4"])
    expect(result).toMatchObject({ plan_amount: "16", breakage: "4", unpaid_levels: [3, 4] })
  })

  it("pays nothing and breaks the whole plan amount when nobody is eligible", () => {
    const result = computeCommissionLines({ basis: "50", currency_code: "eur", levels: plan10_5_3, compression: true, chain: [] })
    expect(result).toMatchObject({ lines: [], plan_amount: "9", breakage: "9", unpaid_levels: [1, 2, 3] })
  })

  it("keeps lines + breakage = plan percents x basis for awkward amounts", () => {
    const result = computeCommissionLines({
      basis: "33.33",
      currency_code: "eur",
      levels: [
        { level: 1, percent: 7.1234 },
        { level: 2, percent: 3.3333 },
        { level: 3, percent: 1.5 },
      ],
      compression: true,
      chain: [active("a"), active("b"), active("c")],
    })
    // 7.1234% -> 2.37422922 -> 2.37; 3.3333% -> 1.11098889 -> 1.11; 1.5% -> 0.49995 -> 0.50
    expect(result.lines.map((l) => l.amount)).toEqual(["2.37", "1.11", "0.5"])
    expect(result.plan_amount).toBe("3.98516811")
    expect(result.breakage).toBe("0.00516811")
  })
})

describe("retail profit", () => {
  it("pays level 1 the retail margin instead of its percent; the other levels keep theirs", () => {
    // retail 99.80, wholesale 79.84: margin 19.96 to dan; 5% and 3% of 99.80 to cleo and ben
    const result = computeCommissionLines({
      basis: "99.80",
      currency_code: "eur",
      levels: plan10_5_3,
      compression: true,
      chain: [active("dan"), active("cleo"), active("ben")],
      retailProfit: "19.96",
    })
    expect(result.lines.map((l) => [l.level, l.kind, l.distributor_handle, l.percent, l.amount])).toEqual([
      [1, "retail_profit", "dan", "0", "19.96"],
      [2, "commission", "cleo", "5", "4.99"],
      [3, "commission", "ben", "3", "2.99"],
    ])
    // the plan's percent budget is now levels 2-3 only: 8% of 99.80 = 7.984, paid 7.98
    expect(result).toMatchObject({ plan_amount: "7.984", retail_profit: "19.96", breakage: "0.004" })
  })
})

describe("clawbacks", () => {
  it("takes back everything when an order is cancelled", () => {
    expect(clawbackAmount({ amount: "10", clawedSoFar: "0", remaining: 0, currency_code: "eur" })).toBe("-10")
  })

  it("takes back the returned share: 40% of a 10.00 line returned -> -4.00, then nothing more for the same state", () => {
    expect(clawbackAmount({ amount: "10", clawedSoFar: "0", remaining: "0.6", currency_code: "eur" })).toBe("-4")
    expect(clawbackAmount({ amount: "10", clawedSoFar: "-4", remaining: "0.6", currency_code: "eur" })).toBe("0")
  })

  it("never takes back more than was earned and never gives back", () => {
    expect(clawbackAmount({ amount: "10", clawedSoFar: "-10", remaining: 0, currency_code: "eur" })).toBe("0")
    expect(clawbackAmount({ amount: "10", clawedSoFar: "-4", remaining: 1, currency_code: "eur" })).toBe("0")
  })

  it("rounds the kept share to the minor unit: a third of 0.10 EUR kept -> claw back 0.07", () => {
    expect(clawbackAmount({ amount: "0.1", clawedSoFar: "0", remaining: "0.3333333333", currency_code: "eur" })).toBe("-0.07")
  })
})
