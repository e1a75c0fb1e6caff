import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import type { CommissionLineDTO, CommissionPlanDTO } from "../../modules/commission/types"
import { toNumber } from "../../modules/commission/utils/money"
import type { CommissionLine, CommissionTotals, LedgerTotal, StoreCommissionLine } from "../../types/commission-line"

export function resolveCommission(scope: MedusaContainer): CommissionModuleService {
  return scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
}

/** A ledger line as API.md describes it: amounts in major units, percents as numbers. */
export function serializeLine(line: CommissionLineDTO): CommissionLine {
  const explanation = line.explanation ?? {}
  const settlement = explanation.settlement
  return {
    id: line.id,
    order_id: line.order_id,
    distributor_id: line.distributor_id,
    distributor_handle: line.distributor_handle,
    source_distributor_id: line.source_distributor_id,
    level: line.level,
    basis: toNumber(line.basis),
    percent: toNumber(line.percent),
    amount: toNumber(line.amount),
    currency_code: line.currency_code,
    status: line.status,
    kind: line.kind,
    earning: line.earning,
    plan_version: line.plan_version,
    reverses_line_id: line.reverses_line_id,
    hold_until: line.hold_until,
    payout_id: line.payout_id,
    created_at: line.created_at,
    explanation: {
      upline: explanation.upline ?? [],
      skipped: explanation.skipped ?? [],
      rounding: explanation.rounding !== undefined ? toNumber(explanation.rounding) : 0,
      attribution_source: explanation.attribution_source ?? null,
      ...(settlement
        ? {
            settlement: {
              number: settlement.number,
              trigger: settlement.trigger,
              basis: toNumber(settlement.basis),
              original_basis: toNumber(settlement.original_basis ?? settlement.basis),
              canceled: !!settlement.canceled,
              held_before: toNumber(settlement.held_before ?? 0),
              target: toNumber(settlement.target ?? 0),
              ...(settlement.pv !== undefined ? { pv: toNumber(settlement.pv) } : {}),
            },
          }
        : {}),
      ...(explanation.qualification ? { qualification: explanation.qualification } : {}),
      ...(explanation.clawback ? { clawback: explanation.clawback } : {}),
    },
  }
}

/** The distributor's own view of a line: no order id (see StoreCommissionLine). */
export function serializeStoreLine(
  line: CommissionLineDTO,
  order: { display_id?: number | null; created_at?: string | Date | null } | undefined
): StoreCommissionLine {
  const { order_id: _orderId, source_distributor_id: _source, ...rest } = serializeLine(line)
  // Others' volumes are theirs: a distributor sees their own qualification, and only who was passed over and why.
  const { qualification, skipped, ...explanation } = rest.explanation
  const own = qualification?.filter((q) => q.handle === line.distributor_handle)
  return {
    ...rest,
    explanation: { ...explanation, skipped: skipped.map(({ handle, reason }) => ({ handle, reason })), ...(own ? { qualification: own } : {}) },
    order_display_id: order?.display_id ?? null,
    order_date: order?.created_at ?? null,
  }
}

export function serializePlan(plan: CommissionPlanDTO) {
  return {
    id: plan.id,
    version: plan.version,
    name: plan.name,
    levels: plan.levels,
    max_payout_percent: plan.max_payout_percent,
    hold_days: plan.hold_days,
    compression: plan.compression,
    retail_profit: plan.retail_profit,
    activity: plan.activity,
    ranks: plan.ranks,
    min_payout: plan.min_payout ?? {},
    created_by: plan.created_by,
    created_at: plan.created_at,
  }
}


/** { pending: { eur: 12.5 }, approved: {...}, paid: {...} } from the ledger sums. */
export function totalsByStatus(rows: { status: string; currency_code: string; total: string }[]): CommissionTotals {
  const totals: CommissionTotals = { pending: {}, approved: {}, paid: {} }
  for (const row of rows) {
    if (row.status in totals) totals[row.status as keyof typeof totals][row.currency_code] = toNumber(row.total)
  }
  return totals
}

/** Display number and date of the given orders, in one query. */
export async function ordersById(
  scope: MedusaContainer,
  orderIds: string[]
): Promise<Map<string, { id: string; display_id: number; created_at: string | Date }>> {
  const ids = [...new Set(orderIds)]
  if (!ids.length) return new Map()
  const { data } = await scope
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "order", fields: ["id", "display_id", "created_at"], filters: { id: ids } })
  return new Map(data.map((o) => [o.id, { id: o.id, display_id: Number(o.display_id), created_at: o.created_at as string | Date }]))
}

export function ledgerTotalsOf(rows: { currency_code: string; status: string; total: string; count: number }[]): LedgerTotal[] {
  return rows.map((r) => ({
    currency_code: r.currency_code,
    status: r.status as LedgerTotal["status"],
    amount: toNumber(r.total),
    count: r.count,
  }))
}

/** The ledger export's columns, in order (README, "Ledger export"). */
export const LEDGER_CSV_COLUMNS = [
  "line_id",
  "created_at",
  "order_id",
  "order_display_id",
  "distributor_id",
  "distributor_handle",
  "level",
  "kind",
  "status",
  "currency_code",
  "basis",
  "percent",
  "amount",
  "plan_version",
  "hold_until",
  "payout_id",
  "upline",
  "skipped",
  "rounding",
] as const

/** One CSV row: amounts as the ledger's exact decimal strings, never through a float. */
export function ledgerCsvRow(line: CommissionLineDTO, orderDisplayId: number | null) {
  const date = (d: string | Date | null) => (d === null ? "" : new Date(d).toISOString())
  const explanation = line.explanation ?? {}
  return {
    line_id: line.id,
    created_at: date(line.created_at),
    order_id: line.order_id,
    order_display_id: orderDisplayId ?? "",
    distributor_id: line.distributor_id,
    distributor_handle: line.distributor_handle,
    level: line.level,
    kind: line.kind,
    status: line.status,
    currency_code: line.currency_code,
    basis: String(line.basis),
    percent: String(line.percent),
    amount: String(line.amount),
    plan_version: line.plan_version ?? "",
    hold_until: date(line.hold_until),
    payout_id: line.payout_id ?? "",
    upline: (explanation.upline ?? []).join(" > "),
    skipped: (explanation.skipped ?? []).map((s: { handle: string; reason: string }) => `${s.handle} (${s.reason})`).join("; "),
    rounding: String(explanation.rounding ?? 0),
  }
}
