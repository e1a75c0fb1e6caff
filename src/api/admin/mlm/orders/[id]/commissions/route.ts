import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resolveCommission, serializeLine } from "../../../../../utils/commission"
import { toNumber } from "../../../../../../modules/commission/utils/money"

/**
 * How an order's commissions came about: the run (basis, plan version, what the plan would pay,
 * what was paid, breakage, upline snapshot) and every ledger line of the order, clawbacks included.
 * `run` is null when the order is credited to nobody.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { id: req.params.id } })
  if (!orders.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} was not found`)
  const commission = resolveCommission(req.scope)
  const [[run], lines] = await Promise.all([
    commission.listCommissionRuns({ order_id: req.params.id, superseded_at: null }),
    commission.listLinesOfOrder(req.params.id),
  ])
  res.json({
    run: run
      ? {
          order_id: run.order_id,
          attributed_distributor_id: run.attributed_distributor_id,
          attribution_source: run.attribution_source,
          plan_version: run.plan_version,
          currency_code: run.currency_code,
          basis: toNumber(run.basis),
          plan_amount: toNumber(run.plan_amount),
          paid_amount: toNumber(run.paid_amount),
          breakage: toNumber(run.breakage),
          explanation: run.explanation,
          created_at: run.created_at,
        }
      : null,
    commissions: lines.map(serializeLine),
  })
}
