import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import {
  applyDiff,
  commissionableBasis,
  LedgerLine,
  liveByBeneficiary,
  settlementDiff,
  SettlementSnapshot,
  targetByBeneficiary,
  targetEntries,
  targetLedger,
} from "../utils/settlement"
import { percentOf } from "../utils/money"
import type { Beneficiary } from "../utils/compute-commission-lines"

/**
 * Whatever happens to an order, in whatever order the events arrive (or twice, or never until
 * reconciliation), settling it leaves the live ledger equal to the target for the order as it is.
 */

const people: Beneficiary[] = ["ava", "bo", "cy", "di", "ed", "flo"].map((h, i) => ({
  id: `dist_${h}`,
  handle: h,
  status: i === 3 ? "inactive" : "active",
}))

type Order = {
  items: { unit: number; qty: number }[] // unit prices in cents
  shippingCents: number
  canceled: boolean
  paidCents: number
  refundedCents: number
  chainStart: number
}

type Op =
  | { type: "return"; item: number; qty: number }
  | { type: "refund"; cents: number }
  | { type: "edit-add"; unit: number; qty: number }
  | { type: "edit-remove"; item: number }
  | { type: "cancel" }
  | { type: "correct"; start: number }
  | { type: "approve" }
  | { type: "payout" }
  | { type: "capture" }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant("return" as const), item: fc.nat(4), qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ type: fc.constant("refund" as const), cents: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ type: fc.constant("edit-add" as const), unit: fc.integer({ min: 1, max: 15_000 }), qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ type: fc.constant("edit-remove" as const), item: fc.nat(4) }),
  fc.constant({ type: "cancel" as const }),
  fc.record({ type: fc.constant("correct" as const), start: fc.nat(3) }),
  fc.constant({ type: "approve" as const }),
  fc.constant({ type: "payout" as const }),
  fc.constant({ type: "capture" as const })
)

const cents = (n: number) => MathBN.div(n, 100).toString()
const total = (o: Order) => o.items.reduce((s, i) => s + i.unit * i.qty, 0)

function apply(order: Order, o: Op): Order {
  if (order.canceled && o.type !== "correct" && o.type !== "approve" && o.type !== "payout") return order
  const items = order.items.map((i) => ({ ...i }))
  switch (o.type) {
    case "return": {
      const item = items[o.item % Math.max(items.length, 1)]
      if (item) item.qty = Math.max(0, item.qty - o.qty)
      return { ...order, items }
    }
    case "refund": {
      const refundable = order.paidCents - order.refundedCents
      return { ...order, refundedCents: order.refundedCents + Math.min(o.cents, Math.max(0, refundable)) }
    }
    case "edit-add":
      return { ...order, items: [...items, { unit: o.unit, qty: o.qty }] }
    case "edit-remove": {
      const item = items[o.item % Math.max(items.length, 1)]
      if (item) item.qty = 0
      return { ...order, items }
    }
    case "cancel":
      return { ...order, canceled: true }
    case "correct":
      return { ...order, chainStart: o.start }
    case "capture":
      return { ...order, paidCents: Math.max(order.paidCents, total(order) + order.shippingCents) }
    default:
      return order
  }
}

function snapshotOf(order: Order, levels: { level: number; percent: number }[]): SettlementSnapshot {
  return { currency_code: "eur", levels, compression: true, retail_profit: false, chain: people.slice(order.chainStart) }
}

function nowOf(order: Order) {
  const itemCents = total(order)
  return {
    canceled: order.canceled,
    basis: commissionableBasis({
      canceled: order.canceled,
      item_basis: cents(itemCents),
      item_total: cents(itemCents),
      current_total: cents(itemCents + order.shippingCents),
      paid_total: cents(order.paidCents),
      refunded_total: cents(order.refundedCents),
    }),
    retail_margin: null,
  }
}

const plan = fc
  .array(fc.integer({ min: 1, max: 150_000 }), { minLength: 1, maxLength: 5 })
  .map((ps) => ps.map((p, i) => ({ level: i + 1, percent: p / 10_000 })))

describe("settlement properties (fast-check)", () => {
  it("converges to the target after any sequence of returns, refunds, edits, cancels, corrections, approvals and payouts", () => {
    fc.assert(
      fc.property(
        plan,
        fc.array(fc.record({ unit: fc.integer({ min: 1, max: 15_000 }), qty: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 990 }),
        fc.array(fc.tuple(op, fc.integer({ min: 0, max: 2 })), { maxLength: 14 }),
        (levels, items, shippingCents, ops) => {
          let order: Order = { items, shippingCents, canceled: false, paidCents: 0, refundedCents: 0, chainStart: 0 }
          let live: LedgerLine[] = []
          let n = 0
          const nextId = () => `l${++n}`
          const settle = () => {
            const target = targetLedger(snapshotOf(order, levels), nowOf(order))
            const entries = targetEntries(target)
            const diff = settlementDiff(entries, live)
            live = applyDiff(live, diff, nextId)
            // the ledger now holds exactly the target, nothing negative anywhere
            expect(liveByBeneficiary(live)).toEqual(targetByBeneficiary(entries))
            for (const amount of Object.values(liveByBeneficiary(live))) expect(MathBN.gte(amount, 0)).toBe(true)
            // lines + breakage = rate x basis
            const paid = target.lines.reduce((s, l) => MathBN.add(s, l.amount), MathBN.convert(0))
            const rate = levels.reduce((s, l) => MathBN.add(s, l.percent), MathBN.convert(0))
            expect(MathBN.add(paid, target.breakage).toString()).toBe(percentOf(target.basis, rate).toString())
            // settling twice writes nothing
            expect(settlementDiff(entries, live)).toEqual({ reverse: [], insert: [] })
          }
          // events are delivered 0, 1 or 2 times after each change: lost, once, duplicated
          for (const [change, deliveries] of ops) {
            order = apply(order, change)
            if (change.type === "approve") live = live.map((l) => (l.status === "pending" ? { ...l, status: "approved" } : l))
            if (change.type === "payout") live = live.map((l) => (l.status === "approved" ? { ...l, status: "paid" } : l))
            for (let i = 0; i < deliveries; i++) settle()
          }
          settle() // reconciliation
        }
      ),
      { numRuns: 400 }
    )
  })

  it("reaches the same live amounts whatever order the settlements happen in", () => {
    fc.assert(
      fc.property(plan, fc.array(op, { minLength: 1, maxLength: 10 }), (levels, ops) => {
        const start: Order = { items: [{ unit: 4990, qty: 2 }], shippingCents: 490, canceled: false, paidCents: 0, refundedCents: 0, chainStart: 0 }
        const run = (settleEvery: boolean) => {
          let order = start
          let live: LedgerLine[] = []
          let n = 0
          const settle = () => {
            const diff = settlementDiff(targetEntries(targetLedger(snapshotOf(order, levels), nowOf(order))), live)
            live = applyDiff(live, diff, () => `l${++n}`)
          }
          settle()
          for (const change of ops) {
            order = apply(order, change)
            if (settleEvery) settle()
          }
          settle()
          return liveByBeneficiary(live)
        }
        expect(run(true)).toEqual(run(false))
      }),
      { numRuns: 300 }
    )
  })
})
