import { MathBN } from "@medusajs/framework/utils"
import { Beneficiary, CommissionComputation, computeCommissionLines } from "./compute-commission-lines"
import { roundToMinorUnit } from "./money"
import type { PlanLevel } from "./plan"

/**
 * Settlement: the ledger converges to the order (DESIGN.md). Given the order as it is now and its
 * frozen snapshot, `targetLedger` says what each beneficiary should hold; `settlementDiff` says which
 * lines to write so that the live ledger holds exactly that. Both are pure: the settle step reads,
 * calls them, and writes what they return.
 */

export type Earning = "commission" | "retail_profit"
export type LineKind = "commission" | "retail_profit" | "clawback" | "adjustment"
export type LineStatus = "pending" | "approved" | "paid" | "reversed"

/** What an order's first settlement froze: rates, compression and the beneficiaries (level 1 first). */
export type SettlementSnapshot = {
  currency_code: string
  levels: PlanLevel[]
  compression: boolean
  /** The plan's retail_profit option: level 1 earns retail minus member price on retail orders. */
  retail_profit: boolean
  chain: Beneficiary[]
  /** the activity minimum and rank ladder the chain's qualifications were frozen with; null: status only */
  rules?: { min_pv: number; ranks: string[] } | null
}

/** The order as it is now, reduced to what the money rules need. */
export type OrderNow = {
  canceled: boolean
  /** commissionable basis now: item subtotals after discounts, without tax, shipping and refunded items */
  basis: string
  /** retail minus member price of the items now, when level 1 earns retail profit; else null */
  retail_margin: string | null
}

/** The order's money, as Medusa reports it, from which `commissionableBasis` derives the basis. */
export type OrderMoney = {
  canceled: boolean
  /** sum over the current items of subtotal - discount_subtotal (tax-exclusive) */
  item_basis: string
  /** the current items' total with tax: what the buyer pays for the items */
  item_total: string
  /**
   * the order's current total (items, shipping, tax) after edits, returns, exchanges and claims,
   * before credit lines (Medusa records a refund the order does not owe as a credit line)
   */
  current_total: string
  /** captured money and refunded money of the order's payments */
  paid_total: string
  refunded_total: string
  /** the order's current shipping total, and what was refunded with a shipping refund reason */
  shipping_total?: string
  shipping_refunds?: string
}

/** Refund reason codes that mean "we refund the shipping": such a refund comes off shipping first. */
export const SHIPPING_REFUND_REASON_CODES = ["shipping", "shipping_issue", "shipping_refund"]

/**
 * The commissionable basis of an order now. Returns, edits, exchanges and claims already show in the
 * items. A refund counts only for the part the order's own changes do not explain: what was refunded
 * beyond paid minus the current total (a refund of returned items, or of shipping removed by an edit,
 * is explained and counts nothing). A refund given with a shipping refund reason comes off the
 * order's shipping first. What is left of the unexplained refund comes off the items' money, tax
 * removed in the items' own proportion, never below 0. A cancelled order's basis is 0.
 */
export function commissionableBasis(money: OrderMoney): string {
  if (money.canceled) return "0"
  const basis = MathBN.convert(money.item_basis)
  if (MathBN.lte(basis, 0)) return "0"
  const explained = MathBN.max(0, MathBN.sub(money.paid_total, money.current_total))
  const shippingRefund = MathBN.min(money.shipping_refunds ?? 0, money.shipping_total ?? 0)
  const unexplained = MathBN.max(0, MathBN.sub(MathBN.sub(money.refunded_total, explained), MathBN.max(0, shippingRefund)))
  if (MathBN.eq(unexplained, 0)) return basis.toString()
  const itemTotal = MathBN.convert(money.item_total)
  const taxFree = MathBN.gt(itemTotal, 0) ? MathBN.div(MathBN.mult(unexplained, basis), itemTotal) : unexplained
  return MathBN.max(0, MathBN.sub(basis, taxFree)).toString()
}

/**
 * The order's money without the items that earn nothing: products that are not commissionable
 * (starter kits) and items a host app's hook excluded. Their money leaves the items' basis and total.
 */
export function commissionableMoney(money: OrderMoney, items: { id: string; paid: string; total: string }[], excluded: Set<string>): OrderMoney {
  const out = items.filter((i) => excluded.has(i.id))
  if (!out.length) return money
  const sum = (values: string[]) => values.reduce((a, v) => MathBN.add(a, v), MathBN.convert(0))
  return {
    ...money,
    item_basis: MathBN.max(0, MathBN.sub(money.item_basis, sum(out.map((i) => i.paid)))).toString(),
    item_total: MathBN.max(0, MathBN.sub(money.item_total, sum(out.map((i) => i.total)))).toString(),
  }
}

/** The target: what the plan pays on the order now, to the snapshot's beneficiaries, at its rates. */
export function targetLedger(snapshot: SettlementSnapshot, now: OrderNow): CommissionComputation {
  return computeCommissionLines({
    basis: now.canceled ? 0 : now.basis,
    currency_code: snapshot.currency_code,
    levels: snapshot.levels,
    compression: snapshot.compression,
    chain: snapshot.chain,
    rules: snapshot.rules ?? null,
    retailProfit: snapshot.retail_profit && now.retail_margin != null ? (now.canceled ? "0" : now.retail_margin) : null,
  })
}

/** Who holds an amount on an order: a beneficiary at a level, for one of their earnings. */
export type Holding = { distributor_id: string; distributor_handle: string; level: number; earning: Earning }

/** A live ledger line as the diff needs it. */
export type LedgerLine = Holding & {
  id: string
  kind: LineKind
  amount: string
  status: LineStatus
  hold_until: Date | string | null
}

/** What the target says a holding should be: percent, amount (rounded) and the rounding taken. */
export type TargetEntry = Holding & { percent: string; amount: string; rounding: string }

export type NewLedgerLine = Holding & {
  kind: LineKind
  amount: string
  percent: string
  /** the target's rounding for this holding ("0" for a holding the target no longer has) */
  rounding: string
  status: "pending" | "approved"
  /** null: now + the snapshot's hold days */
  hold_until: Date | string | null
  /** what the beneficiary held before this line and should hold after it */
  live_before: string
  target: string
}

export type SettlementDiff = { reverse: string[]; insert: NewLedgerLine[] }

const groupKey = (l: { distributor_id: string; level: number; earning: Earning }) => `${l.distributor_id}|${l.level}|${l.earning}`

export function targetEntries(target: CommissionComputation): TargetEntry[] {
  return target.lines.map((line) => ({
    distributor_id: line.distributor_id,
    distributor_handle: line.distributor_handle,
    level: line.level,
    earning: line.kind,
    percent: line.percent,
    amount: line.amount,
    rounding: line.rounding,
  }))
}

/** Sum of the lines that count: everything but reversed lines. */
export function liveTotal(lines: Pick<LedgerLine, "amount" | "status">[]): string {
  return lines
    .filter((l) => l.status !== "reversed")
    .reduce((sum, l) => MathBN.add(sum, l.amount), MathBN.convert(0))
    .toString()
}

/** The first of the dates; null when one is null (a line waiting for fulfilment has no maturity yet). */
const earliest = (dates: (Date | string | null)[]): Date | null =>
  dates.some((d) => d === null)
    ? null
    : dates.map((d) => new Date(d!)).reduce((a, b) => (a.getTime() <= b.getTime() ? a : b))

/**
 * The lines that bring each beneficiary's live amount (per level and earning) to the target:
 * - nothing when it already matches (settling twice writes nothing);
 * - target 0 (cancelled, credited elsewhere): pending lines are reversed, and what approved or paid
 *   lines still hold is clawed back, due now;
 * - a smaller target: one clawback line for the difference; it matures with the earliest pending
 *   line it offsets, or is due now when everything it offsets is approved or paid;
 * - a larger target: a new line for the difference (a `commission` or `retail_profit` line for a
 *   beneficiary with no live line, else an `adjustment`), pending for the plan's hold days.
 */
export function settlementDiff(target: TargetEntry[], live: LedgerLine[]): SettlementDiff {
  const groups = new Map<string, { sample: Omit<TargetEntry, "amount">; target: string; lines: LedgerLine[] }>()
  for (const entry of target) {
    groups.set(groupKey(entry), { sample: entry, target: entry.amount, lines: [] })
  }
  for (const line of live) {
    const key = groupKey(line)
    const group = groups.get(key) ?? {
      sample: { distributor_id: line.distributor_id, distributor_handle: line.distributor_handle, level: line.level, earning: line.earning, percent: "0", rounding: "0" },
      target: "0",
      lines: [],
    }
    group.lines.push(line)
    groups.set(key, group)
  }

  const reverse: string[] = []
  const insert: NewLedgerLine[] = []
  for (const { sample, target: wanted, lines } of groups.values()) {
    const counted = lines.filter((l) => l.status !== "reversed")
    const held = liveTotal(counted)
    if (MathBN.eq(held, wanted)) continue
    const base = {
      distributor_id: sample.distributor_id,
      distributor_handle: sample.distributor_handle,
      level: sample.level,
      earning: sample.earning,
      percent: sample.percent,
      rounding: sample.rounding,
      live_before: held,
      target: MathBN.convert(wanted).toString(),
    }
    if (MathBN.eq(wanted, 0)) {
      const pending = counted.filter((l) => l.status === "pending")
      reverse.push(...pending.map((l) => l.id))
      const settled = liveTotal(counted.filter((l) => l.status !== "pending"))
      if (MathBN.lt(settled, 0)) {
        insert.push({ ...base, kind: "adjustment", amount: MathBN.mult(settled, -1).toString(), status: "pending", hold_until: null })
      } else if (MathBN.gt(settled, 0)) {
        insert.push({ ...base, kind: "clawback", amount: MathBN.mult(settled, -1).toString(), status: "approved", hold_until: new Date() })
      }
      continue
    }
    const delta = MathBN.sub(wanted, held)
    if (MathBN.lt(delta, 0)) {
      const pendingPositive = counted.filter((l) => l.status === "pending" && MathBN.gt(l.amount, 0))
      insert.push(
        pendingPositive.length
          ? { ...base, kind: "clawback", amount: delta.toString(), status: "pending", hold_until: earliest(pendingPositive.map((l) => l.hold_until)) }
          : { ...base, kind: "clawback", amount: delta.toString(), status: "approved", hold_until: new Date() }
      )
    } else {
      const kind: LineKind = counted.length ? "adjustment" : sample.earning
      insert.push({ ...base, kind, amount: delta.toString(), status: "pending", hold_until: null })
    }
  }
  return { reverse, insert }
}

/** The live amount per beneficiary, level and earning after a diff is applied (for tests and checks). */
export function applyDiff(live: LedgerLine[], diff: SettlementDiff, nextId: () => string): LedgerLine[] {
  const reversed = new Set(diff.reverse)
  const kept = live.map((l) => (reversed.has(l.id) ? { ...l, status: "reversed" as const } : l))
  return [
    ...kept,
    ...diff.insert.map((l) => ({
      id: nextId(),
      distributor_id: l.distributor_id,
      distributor_handle: l.distributor_handle,
      level: l.level,
      earning: l.earning,
      kind: l.kind,
      amount: l.amount,
      status: l.status,
      hold_until: l.hold_until ?? new Date(),
    })),
  ]
}

/** Live amount per `distributor|level|earning`, reversed lines left out; zero groups dropped. */
export function liveByBeneficiary(lines: LedgerLine[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of lines) {
    if (line.status === "reversed") continue
    const key = groupKey(line)
    out[key] = MathBN.add(out[key] ?? 0, line.amount).toString()
  }
  for (const key of Object.keys(out)) if (MathBN.eq(out[key], 0)) delete out[key]
  return out
}

export function targetByBeneficiary(target: TargetEntry[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of target) if (!MathBN.eq(entry.amount, 0)) out[groupKey(entry)] = MathBN.convert(entry.amount).toString()
  return out
}

/** Rounds a retail margin (retail minus member price) to the currency, never below 0. */
export function retailMargin(items: { paid: string; member_unit_price: string | null; quantity: number }[], currency: string): string {
  let margin = MathBN.convert(0)
  for (const item of items) {
    if (item.member_unit_price == null) continue
    const atMember = MathBN.mult(item.member_unit_price, item.quantity)
    margin = MathBN.add(margin, MathBN.max(0, MathBN.sub(item.paid, atMember)))
  }
  return roundToMinorUnit(margin, currency).toString()
}
