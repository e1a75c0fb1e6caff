import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { correctOrderAttributionWorkflow } from "../../../../../../workflows/attribution/workflows/correct-order-attribution"
import { resolveNetwork } from "../../../../../utils/network"
import type { AdminCorrectAttributionType } from "../../../validators"
import type { AttributionResponse, CorrectedAttributionResponse, JsonOf } from "../../../../../../types/admin"

async function attributionOf(req: AuthenticatedMedusaRequest, orderId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { id: orderId } })
  if (!orders.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  const network = resolveNetwork(req.scope)
  const [attribution] = await network.listOrderAttributions({ order_id: orderId })
  if (!attribution) return null
  const distributor = await network.retrieveDistributor(attribution.distributor_id)
  return {
    order_id: attribution.order_id,
    cart_id: attribution.cart_id,
    customer_id: attribution.customer_id,
    distributor: { id: distributor.id, handle: distributor.handle, display_name: distributor.display_name },
    source: attribution.source,
    referral_handle: attribution.referral_handle,
    corrected_by: attribution.corrected_by,
    corrected_at: attribution.corrected_at,
    history: attribution.history ?? [],
    created_at: attribution.created_at,
  }
}

/** Who the order is credited to, and why; `attribution` is null for an order credited to nobody. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<AttributionResponse>>) {
  res.json({ attribution: await attributionOf(req, req.params.id) })
}

/** Credits the order to another distributor; the admin and the previous state are recorded. */
export async function POST(req: AuthenticatedMedusaRequest<AdminCorrectAttributionType>, res: MedusaResponse<JsonOf<CorrectedAttributionResponse>>) {
  await correctOrderAttributionWorkflow(req.scope).run({
    input: {
      order_id: req.params.id,
      handle: req.validatedBody.handle,
      reason: req.validatedBody.reason ?? null,
      actor_id: req.auth_context.actor_id,
    },
  })
  // the correction has just written it: an order credited to nobody is credited now
  res.json({ attribution: (await attributionOf(req, req.params.id))! })
}
