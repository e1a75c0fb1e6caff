import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resolveCommission, serializeLine } from "../../../../../utils/commission"
import { toNumber } from "../../../../../../modules/commission/utils/money"
import { dayOfIso } from "../../../../../../modules/commission/utils/qualification"
import type { JsonOf, OrderCommissions } from "../../../../../../types/admin"

/**
 * How an order's commissions came about: its settlement snapshot (frozen rates and beneficiaries,
 * basis at placement and now, what the plan pays, what the lines pay, breakage, how many
 * settlements wrote lines), its volume, and every ledger line of the order, clawbacks and adjustments included.
 * `run` is null when the order is credited to nobody.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<OrderCommissions>>) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { id: req.params.id } })
  if (!orders.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} was not found`)
  const commission = resolveCommission(req.scope)
  const [run, lines] = await Promise.all([
    commission.retrieveSettlementRun(req.params.id),
    commission.listLinesOfOrder(req.params.id),
  ])
  res.json({
    run: run
      ? {
          order_id: run.order_id,
          attributed_distributor_id: run.attributed_distributor_id,
          attribution_source: run.attribution_source,
          plan_version: run.plan_version,
          levels: run.levels,
          compression: run.compression,
          hold_days: run.hold_days,
          beneficiaries: run.chain.map((b) => b.handle),
          currency_code: run.currency_code,
          original_basis: toNumber(run.original_basis),
          basis: toNumber(run.basis),
          plan_amount: toNumber(run.plan_amount),
          paid_amount: toNumber(run.paid_amount),
          breakage: toNumber(run.breakage),
          explanation: run.explanation,
          // the order's PV now, whose volume it is and the UTC day it counts on
          volume: run.volume
            ? { distributor_id: run.volume.distributor_id, day: dayOfIso(run.volume.day), pv: toNumber(run.volume.pv) }
            : null,
          settlements: run.settle_count,
          settled_at: run.settled_at,
          created_at: run.created_at,
        }
      : null,
    commissions: lines.map(serializeLine),
  })
}
