import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaResponse } from "@medusajs/framework/http"
import { stringify } from "csv-stringify/sync"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import type { PayoutDTO } from "../../modules/commission/types"
import { toNumber } from "../../modules/commission/utils/money"
import { monthRange, statementSums } from "../../modules/commission/utils/statement"
import { PAYOUT_MODULE } from "../../modules/payout"
import type PayoutModuleService from "../../modules/payout/service"
import type { Statement, StatementEntry } from "../../types/payout"
import { ordersById, serializeStoreLine } from "./commission"
import { toLine } from "../../modules/commission/service"

export const resolvePayoutModule = (scope: MedusaContainer) => scope.resolve<PayoutModuleService>(PAYOUT_MODULE)

/** A payout as the admin sees it (amount as a number in major units, `provider` named). */
export function serializePayout(payout: PayoutDTO) {
  return {
    id: payout.id,
    distributor_id: payout.distributor_id,
    currency_code: payout.currency_code,
    amount: toNumber(payout.amount),
    line_count: payout.line_count,
    status: payout.status,
    provider: payout.provider_id,
    run_id: payout.run_id,
    idempotency_key: payout.idempotency_key,
    retry_of: payout.retry_of,
    reference: payout.reference,
    message: payout.message,
    created_by: payout.created_by,
    created_at: payout.created_at,
    sent_at: payout.sent_at,
    paid_at: payout.paid_at,
    failed_at: payout.failed_at,
  }
}

/**
 * A distributor's payouts with the lines each one held (the store view: no order ids, the order's
 * display id instead; no idempotency or run ids).
 */
export async function payoutsWithLines(scope: MedusaContainer, distributorId: string, page: { limit: number; offset: number }) {
  const commission = scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const { payouts, count } = await commission.listPayoutRows({ distributor_id: distributorId }, page)
  const lineIds = payouts.flatMap((p) => p.line_ids)
  const lines = lineIds.length ? await commission.listCommissionLines({ id: lineIds }, { take: null }) : []
  const orders = await ordersById(scope, lines.map((l) => l.order_id))
  const byId = new Map(lines.map((l) => [l.id, l]))
  return {
    count,
    payouts: payouts.map((p) => ({
      id: p.id,
      amount: toNumber(p.amount),
      currency_code: p.currency_code,
      status: p.status,
      provider: p.provider_id,
      reference: p.reference,
      message: p.status === "failed" ? p.message : null,
      created_at: p.created_at,
      paid_at: p.paid_at,
      lines: p.line_ids
        .map((id) => byId.get(id))
        .filter((l): l is NonNullable<typeof l> => !!l)
        .map((l) => serializeStoreLine(toLine(l), orders.get(l.order_id))),
    })),
  }
}

/**
 * A month's statement of a distributor, per currency, every entry explained. `view: "store"` leaves
 * order ids out (a distributor sees the order's display id only).
 */
export async function statementOf(scope: MedusaContainer, distributorId: string, month: string, view: "store" | "admin"): Promise<Statement> {
  const commission = scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const { opening, events } = await commission.balanceEvents(distributorId, monthRange(month))
  const sums = statementSums(opening, events.map((e) => ({ currency_code: e.currency_code, type: e.type, effect: e.effect })))
  const orders = await ordersById(scope, events.map((e) => e.order_id).filter(Boolean))
  const lines: (StatementEntry & { order_id?: string | null })[] = events.map((e) => ({
    at: new Date(e.at).toISOString(),
    type: e.type,
    amount: toNumber(e.effect),
    currency_code: e.currency_code,
    line_id: e.line_id ?? null,
    payout_id: e.payout_id ?? null,
    kind: e.kind ?? null,
    level: e.level == null ? null : Number(e.level),
    order_display_id: e.order_id ? (orders.get(e.order_id)?.display_id ?? null) : null,
    ...(view === "admin" ? { order_id: e.order_id ?? null } : {}),
    explanation: explain(e),
  }))
  return {
    month,
    currencies: Object.fromEntries(
      Object.entries(sums).map(([c, s]) => [
        c,
        { opening: toNumber(s.opening), earned: toNumber(s.earned), clawed_back: toNumber(s.clawed_back), paid: toNumber(s.paid), closing: toNumber(s.closing) },
      ])
    ),
    lines,
  }
}

/** What a statement entry says about itself: the line's own explanation, or the payout's. */
function explain(e: any): Record<string, unknown> {
  const x = e.explanation ?? {}
  if (e.payout_id) return x
  return {
    upline: x.upline ?? [],
    // others' volumes are theirs: who was passed over and why, nothing more
    skipped: (x.skipped ?? []).map(({ handle, reason }: { handle: string; reason: string }) => ({ handle, reason })),
    rounding: x.rounding ?? "0",
    ...(x.settlement ? { trigger: x.settlement.trigger, basis: x.settlement.basis } : {}),
    ...(e.type === "reversed" ? { note: "a pending line taken back before it was paid (cancel, return or refund)" } : {}),
  }
}

export const STATEMENT_CSV_COLUMNS = ["date", "type", "currency_code", "amount", "order_display_id", "level", "kind", "line_id", "payout_id", "explanation"]

/**
 * The statement as CSV: one row per currency total first (type `opening`, `earned`, `clawed_back`,
 * `paid`, `closing`), then one row per entry. Amounts are exact decimal numbers in major units.
 */
export function statementCsv(statement: Statement): string {
  const rows: unknown[][] = []
  for (const [currency, t] of Object.entries(statement.currencies)) {
    for (const key of ["opening", "earned", "clawed_back", "paid", "closing"] as const) {
      rows.push([statement.month, key, currency, t[key], "", "", "", "", "", ""])
    }
  }
  for (const l of statement.lines) {
    rows.push([l.at, l.type, l.currency_code, l.amount, l.order_display_id ?? "", l.level ?? "", l.kind ?? "", l.line_id ?? "", l.payout_id ?? "", JSON.stringify(l.explanation)])
  }
  return stringify(rows, { header: true, columns: STATEMENT_CSV_COLUMNS })
}

export function sendStatement(res: MedusaResponse, statement: Statement, format: "json" | "csv", name: string) {
  if (format === "csv") {
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader("Content-Disposition", `attachment; filename="${name}-${statement.month}.csv"`)
    res.send(statementCsv(statement))
    return
  }
  res.json({ statement })
}

export const currentMonth = () => new Date().toISOString().slice(0, 7)
