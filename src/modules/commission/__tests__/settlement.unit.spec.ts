import {
  applyDiff,
  commissionableBasis,
  LedgerLine,
  liveByBeneficiary,
  retailMargin,
  settlementDiff,
  SettlementSnapshot,
  targetEntries,
  targetLedger,
} from "../utils/settlement"
import type { Beneficiary } from "../utils/compute-commission-lines"

const active = (handle: string): Beneficiary => ({ id: `dist_${handle}`, handle, status: "active" })

/** The 10/5/3 plan on cleo -> ben -> anna, as an admin would write it. */
const snapshot: SettlementSnapshot = {
  currency_code: "eur",
  levels: [
    { level: 1, percent: 10 },
    { level: 2, percent: 5 },
    { level: 3, percent: 3 },
  ],
  compression: true,
  retail_profit: false,
  chain: [active("cleo"), active("ben"), active("anna")],
}

let seq = 0
const nextId = () => `line_${++seq}`

function settle(live: LedgerLine[], basis: string, options: { canceled?: boolean; chain?: Beneficiary[] } = {}) {
  const target = targetEntries(
    targetLedger({ ...snapshot, chain: options.chain ?? snapshot.chain }, { canceled: !!options.canceled, basis, retail_margin: null })
  )
  const diff = settlementDiff(target, live)
  return { diff, live: applyDiff(live, diff, nextId) }
}

const view = (diff: ReturnType<typeof settlementDiff>) =>
  diff.insert.map((l) => [l.kind, l.level, l.distributor_handle, l.amount, l.status])

const pay = (lines: LedgerLine[]) => lines.map((l) => (l.status === "reversed" ? l : { ...l, status: "paid" as const }))

describe("settling an order's ledger to its target", () => {
  it("pays 10/5/3 on a 100.00 EUR order once: 10.00, 5.00, 3.00; a second settlement writes nothing", () => {
    const first = settle([], "100")
    expect(view(first.diff)).toEqual([
      ["commission", 1, "cleo", "10", "pending"],
      ["commission", 2, "ben", "5", "pending"],
      ["commission", 3, "anna", "3", "pending"],
    ])
    expect(settle(first.live, "100").diff).toEqual({ reverse: [], insert: [] })
  })

  it("reverses every pending line when the order is cancelled", () => {
    const placed = settle([], "100").live
    const canceled = settle(placed, "100", { canceled: true })
    expect(canceled.diff.insert).toEqual([])
    expect(canceled.diff.reverse).toEqual(placed.map((l) => l.id))
  })

  it("claws back a paid order that is cancelled: -10.00, -5.00, -3.00, due now", () => {
    const paid = pay(settle([], "100").live)
    expect(view(settle(paid, "100", { canceled: true }).diff)).toEqual([
      ["clawback", 1, "cleo", "-10", "approved"],
      ["clawback", 2, "ben", "-5", "approved"],
      ["clawback", 3, "anna", "-3", "approved"],
    ])
  })

  it("keeps 9.00 of 18.00 when 50.00 of a 100.00 item is refunded, however often it is settled", () => {
    const placed = settle([], "100").live
    const basis = commissionableBasis({
      canceled: false,
      item_basis: "100",
      item_total: "100",
      current_total: "104.90",
      paid_total: "104.90",
      refunded_total: "50",
    })
    expect(basis).toBe("50")
    const refunded = settle(placed, basis)
    expect(view(refunded.diff)).toEqual([
      ["clawback", 1, "cleo", "-5", "pending"],
      ["clawback", 2, "ben", "-2.5", "pending"],
      ["clawback", 3, "anna", "-1.5", "pending"],
    ])
    expect(settle(refunded.live, basis).diff.insert).toEqual([])
  })

  it("adds 18.00 as adjustments when an order edit adds a second 100.00 item", () => {
    const placed = settle([], "100").live
    expect(view(settle(placed, "200").diff)).toEqual([
      ["adjustment", 1, "cleo", "10", "pending"],
      ["adjustment", 2, "ben", "5", "pending"],
      ["adjustment", 3, "anna", "3", "pending"],
    ])
  })

  it("moves the lines to the new beneficiaries when an admin credits a cancelled order elsewhere: nothing is live", () => {
    const placed = settle([], "100").live
    const canceled = settle(placed, "100", { canceled: true }).live
    const corrected = settle(canceled, "100", { canceled: true, chain: [active("dora"), active("anna")] })
    expect(corrected.diff).toEqual({ reverse: [], insert: [] })
    expect(liveByBeneficiary(corrected.live)).toEqual({})
  })

  it("credits the new distributor and keeps the refund when an admin corrects a refunded order", () => {
    const placed = settle([], "100").live
    const refunded = settle(placed, "50").live
    const corrected = settle(refunded, "50", { chain: [active("dora"), active("anna")] })
    expect(liveByBeneficiary(corrected.live)).toEqual({
      "dist_dora|1|commission": "5",
      "dist_anna|2|commission": "2.5",
    })
  })

  it("claws back a half-returned paid order from the next payout: a clawback due now", () => {
    const paid = pay(settle([], "99.8").live)
    // 10% of 49.90 = 4.99 kept of 9.98; 5% = 2.495 -> 2.50 kept of 4.99; 3% = 1.497 -> 1.50 kept of 2.99
    expect(view(settle(paid, "49.9").diff)).toEqual([
      ["clawback", 1, "cleo", "-4.99", "approved"],
      ["clawback", 2, "ben", "-2.49", "approved"],
      ["clawback", 3, "anna", "-1.49", "approved"],
    ])
  })

  it("gives back a clawed-back amount as an adjustment when the order grows again", () => {
    const placed = pay(settle([], "100").live)
    const halved = settle(placed, "50").live
    expect(view(settle(halved, "100").diff)).toEqual([
      ["adjustment", 1, "cleo", "5", "pending"],
      ["adjustment", 2, "ben", "2.5", "pending"],
      ["adjustment", 3, "anna", "1.5", "pending"],
    ])
  })
})

describe("the commissionable basis of an order now", () => {
  const money = { canceled: false, item_basis: "99.8", item_total: "99.8", current_total: "104.7", paid_total: "104.7", refunded_total: "0" }

  it("is the items' basis while nothing was refunded", () => {
    expect(commissionableBasis(money)).toBe("99.8")
  })

  it("is 0 for a cancelled order", () => {
    expect(commissionableBasis({ ...money, canceled: true })).toBe("0")
  })

  it("does not count the refund of returned items twice: the return already lowered the items", () => {
    // one 49.90 shake returned and refunded: current total 54.80, paid 104.70, refunded 49.90
    expect(commissionableBasis({ ...money, item_basis: "49.9", item_total: "49.9", current_total: "54.8", refunded_total: "49.9" })).toBe("49.9")
  })

  it("does not count a refund of shipping that an edit removed from the order", () => {
    expect(commissionableBasis({ ...money, current_total: "99.8", refunded_total: "4.9" })).toBe("99.8")
  })

  it("takes a goodwill refund off the items without their tax: 23.80 refunded of 119.00 gross (19% VAT) is 20.00", () => {
    expect(
      commissionableBasis({ canceled: false, item_basis: "100", item_total: "119", current_total: "123.9", paid_total: "123.9", refunded_total: "23.8" })
    ).toBe("80")
  })

  it("takes a refund given for shipping off the shipping: 4.90 refunded with reason 'Shipping Issue' costs nothing", () => {
    expect(commissionableBasis({ ...money, refunded_total: "4.9", shipping_total: "4.9", shipping_refunds: "4.9" })).toBe("99.8")
    // 10.00 refunded for shipping on 4.90 of shipping: the other 5.10 comes off the items
    expect(commissionableBasis({ ...money, refunded_total: "10", shipping_total: "4.9", shipping_refunds: "10" })).toBe("94.7")
  })

  it("never goes below 0 when more than the items is refunded", () => {
    expect(commissionableBasis({ ...money, refunded_total: "104.7" })).toBe("0")
  })
})

describe("retail profit", () => {
  it("is what a retail buyer paid above the member price: 2 x (49.90 - 39.92) = 19.96 EUR", () => {
    expect(retailMargin([{ paid: "99.8", member_unit_price: "39.92", quantity: 2 }], "eur")).toBe("19.96")
  })

  it("counts nothing for an item without a member price or sold below it", () => {
    expect(
      retailMargin(
        [
          { paid: "10", member_unit_price: null, quantity: 1 },
          { paid: "5", member_unit_price: "8", quantity: 1 },
        ],
        "eur"
      )
    ).toBe("0")
  })
})

describe("netting approved lines at payout", () => {
  const { payoutBalances } = require("../utils/payout")

  it("pays 14.97 - 9.98 = 4.99 to a distributor with a clawback, and carries -9.98 for one with only a clawback", () => {
    const result = payoutBalances([
      { id: "a1", distributor_id: "dan", amount: "14.97" },
      { id: "a2", distributor_id: "dan", amount: "-9.98" },
      { id: "b1", distributor_id: "eve", amount: "-9.98" },
    ])
    expect(result.payable).toEqual([{ distributor_id: "dan", line_ids: ["a1", "a2"], total: "4.99" }])
    expect(result.carried).toEqual([{ distributor_id: "eve", balance: "-9.98" }])
  })

  it("pays nothing and carries 0 when a payout and its clawback cancel out", () => {
    expect(payoutBalances([{ id: "a", distributor_id: "dan", amount: "2" }, { id: "b", distributor_id: "dan", amount: "-2" }])).toEqual({
      payable: [],
      carried: [{ distributor_id: "dan", balance: "0" }],
    })
  })
})
