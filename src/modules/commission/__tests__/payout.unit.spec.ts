import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import { payoutTransition, planPayouts, toMinorUnits } from "../utils/payout"
import { statementSums, monthRange, BalanceEvent } from "../utils/statement"
import { allFulfilled, fulfilledAt } from "../../../workflows/commission/load-order-now"

const pay = (provider_id = "manual") => () => ({ provider_id })

describe("planPayouts", () => {
  const lines = [
    { id: "l1", distributor_id: "dan", amount: "9.98" },
    { id: "l2", distributor_id: "dan", amount: "-2.00" },
    { id: "l3", distributor_id: "cleo", amount: "4.99" },
    { id: "l4", distributor_id: "ben", amount: "2.99" },
    { id: "l5", distributor_id: "anna", amount: "-1" },
    { id: "l6", distributor_id: "eve", amount: "12.5" },
  ]

  it("pays whole balances, carries the not positive and those below the minimum, holds whom the caller holds", () => {
    const plan = planPayouts(lines, {
      min_payout: "5",
      route: (id) => (id === "eve" ? { reason: "terminated", note: "terminated" } : { provider_id: id === "dan" ? "stripe-connect" : "manual" }),
    })
    expect(plan.payable).toEqual([{ distributor_id: "dan", line_ids: ["l1", "l2"], total: "7.98", provider_id: "stripe-connect" }])
    expect(plan.carried.map((c) => [c.distributor_id, c.balance, c.reason])).toEqual([
      ["anna", "-1", "not_positive"],
      ["cleo", "4.99", "below_minimum"],
      ["ben", "2.99", "below_minimum"],
      ["eve", "12.5", "terminated"],
    ])
    expect(plan.carried.find((c) => c.distributor_id === "cleo")!.note).toBe("below the minimum payout of 5")
  })

  it("pays a balance exactly at the minimum, and everyone positive without one", () => {
    expect(planPayouts(lines, { min_payout: "4.99", route: pay() }).payable.map((p) => p.distributor_id)).toEqual(["dan", "cleo", "eve"])
    expect(planPayouts(lines, { min_payout: null, route: pay() }).payable.map((p) => p.total)).toEqual(["7.98", "4.99", "2.99", "12.5"])
  })

  it("puts every line in at most one payout and loses no cent (property)", () => {
    const cents = fc.integer({ min: -5_000, max: 20_000 })
    const line = fc.record({ distributor_id: fc.constantFrom("a", "b", "c", "d"), cents })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.option(fc.integer({ min: 0, max: 10_000 })), fc.constantFrom("a", "b", "none"), (raw, min, held) => {
        const input = raw.map((l, i) => ({ id: `l${i}`, distributor_id: l.distributor_id, amount: MathBN.div(l.cents, 100).toString() }))
        const plan = planPayouts(input, {
          min_payout: min === null ? null : MathBN.div(min, 100).toString(),
          route: (id) => (id === held ? { reason: "method_unusable", note: "x" } : { provider_id: "manual" }),
        })
        const ids = plan.payable.flatMap((p) => p.line_ids)
        expect(new Set(ids).size).toBe(ids.length)
        const total = (xs: string[]) => xs.reduce((s, x) => MathBN.add(s, x), MathBN.convert(0))
        // what is paid plus what is carried is exactly what was approved
        expect(total([...plan.payable.map((p) => p.total), ...plan.carried.map((c) => c.balance)]).toString()).toBe(
          total(input.map((l) => l.amount)).toString()
        )
        for (const p of plan.payable) {
          expect(MathBN.gt(p.total, 0)).toBe(true)
          if (min !== null) expect(MathBN.gte(p.total, MathBN.div(min, 100))).toBe(true)
          expect(p.distributor_id).not.toBe(held)
        }
      })
    )
  })
})

describe("payoutTransition", () => {
  it("follows pending -> sent -> paid, any of them -> failed, nothing after failed", () => {
    expect(payoutTransition("pending", "sent")).toEqual(["sent"])
    expect(payoutTransition("pending", "paid")).toEqual(["sent", "paid"])
    expect(payoutTransition("sent", "paid")).toEqual(["paid"])
    expect(payoutTransition("pending", "failed")).toEqual(["failed"])
    expect(payoutTransition("paid", "failed")).toEqual(["failed"])
    expect(payoutTransition("pending", "pending")).toEqual([])
    expect(payoutTransition("paid", "pending")).toBeNull()
    expect(payoutTransition("paid", "sent")).toBeNull()
    expect(payoutTransition("failed", "paid")).toBeNull()
    expect(payoutTransition("failed", "failed")).toBeNull()
  })
})

describe("toMinorUnits", () => {
  it("converts exactly, and refuses an amount finer than the currency", () => {
    expect(toMinorUnits("9.98", "EUR")).toBe(998)
    expect(toMinorUnits("0.1", "usd")).toBe(10)
    expect(toMinorUnits("1500", "jpy")).toBe(1500)
    expect(toMinorUnits("1.234", "kwd")).toBe(1234)
    expect(toMinorUnits("9.985", "eur")).toBeNull()
    expect(toMinorUnits("12.5", "jpy")).toBeNull()
  })
})

describe("statementSums", () => {
  it("reports earned, clawed back and paid per currency; the closing balance follows exactly", () => {
    const events: BalanceEvent[] = [
      { currency_code: "eur", type: "earned", effect: "9.98" },
      { currency_code: "eur", type: "paid", effect: "-9.98" },
      { currency_code: "eur", type: "earned", effect: "4.99" },
      { currency_code: "eur", type: "clawed_back", effect: "-2.5" },
      { currency_code: "eur", type: "reversed", effect: "-1.01" },
      { currency_code: "eur", type: "payout_failed", effect: "9.98" },
      { currency_code: "usd", type: "earned", effect: "3" },
    ]
    expect(statementSums({ eur: "10", gbp: "1.5" }, events)).toEqual({
      eur: { opening: "10", earned: "14.97", clawed_back: "3.51", paid: "0", closing: "21.46" },
      gbp: { opening: "1.5", earned: "0", clawed_back: "0", paid: "0", closing: "1.5" },
      usd: { opening: "0", earned: "3", clawed_back: "0", paid: "0", closing: "3" },
    })
  })

  it("adds up for any events: opening + earned - clawed_back - paid = closing = opening + every effect (property)", () => {
    const event = fc.record({
      currency_code: fc.constantFrom("eur", "usd"),
      type: fc.constantFrom("earned", "clawed_back", "reversed", "paid", "payout_failed") as fc.Arbitrary<BalanceEvent["type"]>,
      cents: fc.integer({ min: -100_000, max: 100_000 }),
    })
    fc.assert(
      fc.property(fc.array(event, { maxLength: 50 }), fc.integer({ min: -10_000, max: 10_000 }), (raw, opening) => {
        const events = raw.map((e) => ({ currency_code: e.currency_code, type: e.type, effect: MathBN.div(e.cents, 100).toString() }))
        const sums = statementSums({ eur: MathBN.div(opening, 100).toString() }, events)
        for (const [currency, s] of Object.entries(sums)) {
          const viaTotals = MathBN.sub(MathBN.sub(MathBN.add(s.opening, s.earned), s.clawed_back), s.paid)
          expect(viaTotals.toString()).toBe(s.closing)
          const viaEffects = events.filter((e) => e.currency_code === currency).reduce((t, e) => MathBN.add(t, e.effect), MathBN.convert(s.opening))
          expect(viaEffects.toString()).toBe(s.closing)
        }
      })
    )
  })

  it("gives a month's UTC range", () => {
    expect(monthRange("2026-12")).toEqual({ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z") })
  })
})

describe("fulfilledAt", () => {
  const item = (quantity: number, fulfilled: number) => ({ quantity, detail: { quantity, fulfilled_quantity: fulfilled } })
  it("is the latest live fulfilment once every item is fulfilled, else null", () => {
    const f1 = { created_at: "2026-11-01T10:00:00Z" }
    const f2 = { created_at: "2026-11-03T10:00:00Z" }
    const canceled = { created_at: "2026-11-05T10:00:00Z", canceled_at: "2026-11-05T11:00:00Z" }
    expect(fulfilledAt([item(2, 2), item(1, 1)], [f1, f2, canceled])).toEqual(new Date("2026-11-03T10:00:00Z"))
    expect(fulfilledAt([item(2, 1), item(1, 1)], [f1])).toBeNull()
    expect(fulfilledAt([item(2, 2)], [canceled])).toBeNull()
    expect(fulfilledAt([], [f1])).toBeNull()
  })
  it("asks for the fulfilments only once every current item is fully fulfilled (a placed order is not)", () => {
    expect(allFulfilled([item(2, 2), item(1, 1)])).toBe(true)
    expect(allFulfilled([item(2, 2), item(1, 0)])).toBe(false)
    expect(allFulfilled([item(3, 0)])).toBe(false)
    expect(allFulfilled([])).toBe(false)
    // an item without its detail counts as unfulfilled
    expect(allFulfilled([{ quantity: 1 }])).toBe(false)
  })
})

describe("the built-in providers' checks", () => {
  const { StoreCreditPayoutProvider } = require("../../../providers/store-credit")
  const { StripeConnectPayoutProvider } = require("../../../providers/stripe-connect")
  const { ManualPayoutProvider } = require("../../../providers/manual")

  it("store-credit says at start-up when the Store Credit module is missing", () => {
    const provider = new StoreCreditPayoutProvider()
    expect(provider.checkSetup({ isModuleInstalled: () => true })).toBeNull()
    expect(provider.checkSetup({ isModuleInstalled: () => false })).toBe(
      "configured, but the Store Credit module is not installed: add @medusajs/loyalty-plugin to the app's plugins, or every store-credit payout fails"
    )
  })

  it("stripe-connect needs an api key, checks account ids and holds a method without one", () => {
    expect(() => StripeConnectPayoutProvider.validateOptions({})).toThrow("needs options.api_key")
    const stripe = new StripeConnectPayoutProvider({}, { api_key: "sk_test_x" })
    expect(stripe.validateDetails({ account_id: "acct_1AbC" })).toEqual({ account_id: "acct_1AbC" })
    expect(stripe.validateDetails({})).toEqual({})
    expect(() => stripe.validateDetails({ account_id: "1AbC" })).toThrow("details.account_id must be a Stripe connected account id (acct_...)")
    expect(stripe.cannotPay({ account_id: "acct_1AbC" })).toBeNull()
    expect(stripe.cannotPay({})).toBe("Stripe Connect is chosen but no connected account id (acct_...) is given")
  })

  it("stripe-connect refuses an amount finer than the currency instead of rounding it", async () => {
    const stripe = new StripeConnectPayoutProvider({}, { api_key: "sk_test_x" })
    const payout = { id: "p", idempotency_key: "p", run_id: "r", amount: "9.985", currency_code: "eur", distributor: { id: "d" }, details: { account_id: "acct_1" } }
    expect(await stripe.send(payout)).toEqual({ status: "failed", message: "9.985 eur has more decimals than the currency allows" })
  })

  it("manual sends nothing and waits for the admin", async () => {
    expect(await new ManualPayoutProvider().send({} as any)).toEqual({ status: "pending", reference: null, message: null })
  })
})
