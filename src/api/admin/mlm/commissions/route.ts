import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveCommission, serializeLine } from "../../../utils/commission"
import type { AdminListCommissionsQueryType } from "../validators"
import type { CommissionLineDTO } from "../../../../modules/commission/types"
import { toLine } from "../../../../modules/commission/service"

/** The ledger with filters, newest first. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListCommissionsQueryType>, res: MedusaResponse) {
  const { order_id, distributor_id, status, limit, offset } = req.validatedQuery as AdminListCommissionsQueryType
  const filters: Record<string, unknown> = {}
  if (order_id) filters.order_id = order_id
  if (distributor_id) filters.distributor_id = distributor_id
  if (status) filters.status = status
  const [lines, count] = await resolveCommission(req.scope).listAndCountCommissionLines(filters, {
    take: limit,
    skip: offset,
    order: { created_at: "DESC", level: "ASC", id: "ASC" },
  })
  res.json({
    commissions: lines.map((line) => serializeLine(toLine(line) as CommissionLineDTO)),
    count,
    limit,
    offset,
  })
}
