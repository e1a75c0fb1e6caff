import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireOwnDistributor, resolveNetwork } from "../../../../utils/network"
import { resolveCommission, serializeLine, totalsByStatus } from "../../../../utils/commission"
import { toLine } from "../../../../../modules/commission/service"
import type { StoreCommissionsQueryType } from "../../validators"

/** The logged-in distributor's own ledger lines, with totals per status and currency. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StoreCommissionsQueryType>, res: MedusaResponse) {
  const distributor = await requireOwnDistributor(resolveNetwork(req.scope), req.auth_context?.actor_id)
  const { status, limit, offset } = req.validatedQuery as StoreCommissionsQueryType
  const commission = resolveCommission(req.scope)
  const [[lines, count], sums] = await Promise.all([
    commission.listAndCountCommissionLines(
      { distributor_id: distributor.id, ...(status ? { status } : {}) },
      { take: limit, skip: offset, order: { created_at: "DESC", level: "ASC", id: "ASC" } }
    ),
    commission.totalsByStatus(distributor.id),
  ])
  res.json({
    commissions: lines.map((line) => serializeLine(toLine(line))),
    count,
    limit,
    offset,
    totals: totalsByStatus(sums),
  })
}
