import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireOwnDistributor, resolveNetwork } from "../../../../utils/network"
import { ordersById, resolveCommission, serializeStoreLine, totalsByStatus } from "../../../../utils/commission"
import { toLine } from "../../../../../modules/commission/service"
import type { StoreCommissionsQueryType } from "../../validators"
import type { JsonOf } from "../../../../../types/json"
import type { CommissionsAnswer } from "../../../../../types/store"

/**
 * The logged-in distributor's own ledger lines, with totals per status and currency. Orders are
 * shown by their display number and date, never their id: Medusa's GET /store/orders/:id answers
 * anyone holding an id with the buyer's e-mail and address.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StoreCommissionsQueryType>, res: MedusaResponse<JsonOf<CommissionsAnswer>>) {
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
  const orderOf = await ordersById(req.scope, lines.map((l) => l.order_id))
  res.json({
    commissions: lines.map((line) => serializeStoreLine(toLine(line), orderOf.get(line.order_id))),
    count,
    limit,
    offset,
    totals: totalsByStatus(sums),
  })
}
