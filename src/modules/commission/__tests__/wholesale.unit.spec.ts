import { wholesalePrices } from "../utils/wholesale"

describe("wholesale prices from a discount percent", () => {
  it("takes 20% off and rounds half-up to the currency's minor unit", () => {
    expect(
      wholesalePrices(
        [
          { variant_id: "v1", currency_code: "eur", amount: 49.9 },
          { variant_id: "v2", currency_code: "eur", amount: "19.99" },
          { variant_id: "v3", currency_code: "jpy", amount: 1999 },
          { variant_id: "v4", currency_code: "kwd", amount: "12.345" },
        ],
        20
      )
    ).toEqual([
      { variant_id: "v1", currency_code: "eur", amount: 39.92 },
      { variant_id: "v2", currency_code: "eur", amount: 15.99 },
      { variant_id: "v3", currency_code: "jpy", amount: 1599 },
      { variant_id: "v4", currency_code: "kwd", amount: 9.876 },
    ])
  })

  it("handles 0% (retail) and 12.5% off 0.07 EUR = 0.06125 -> 0.06", () => {
    expect(wholesalePrices([{ variant_id: "v", currency_code: "eur", amount: 10 }], 0)[0].amount).toBe(10)
    expect(wholesalePrices([{ variant_id: "v", currency_code: "eur", amount: "0.07" }], 12.5)[0].amount).toBe(0.06)
  })
})
