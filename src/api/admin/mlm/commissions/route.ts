import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ledgerTotalsOf, ordersById, resolveCommission, serializeLine } from "../../../utils/commission"
import type { AdminListCommissionsQueryType } from "../validators"
import type { JsonOf, LedgerPage } from "../../../../types/admin"

/**
 * The ledger with filters, newest first: one page, the number of lines the filters match and their
 * totals per currency and status (exact sums in SQL). Lines carry the order's display number.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListCommissionsQueryType>, res: MedusaResponse<JsonOf<LedgerPage>>) {
  const { limit, offset, ...filter } = req.validatedQuery as AdminListCommissionsQueryType
  const commission = resolveCommission(req.scope)
  const [{ lines, count }, totals] = await Promise.all([
    commission.listLedgerPage(filter, { limit, offset }),
    commission.ledgerTotals(filter),
  ])
  const orders = await ordersById(req.scope, lines.map((l) => l.order_id))
  res.json({
    commissions: lines.map((line) => ({ ...serializeLine(line), order_display_id: orders.get(line.order_id)?.display_id ?? null })),
    count,
    limit,
    offset,
    totals: ledgerTotalsOf(totals),
  })
}
