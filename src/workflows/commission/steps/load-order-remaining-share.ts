import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { ORDER_BASIS_FIELDS, orderBasis } from "./load-commission-context"

export const loadOrderRemainingShareStepId = "load-order-remaining-share"

/**
 * The share (0..1) of an order's commissionable basis that the buyer kept: 0 when cancelled, else
 * min(basis left after returns / basis at placement, 1 - refunded / item total at placement).
 * Medusa's item totals already leave out received returns (with their share of discounts), which is
 * why both ratios are taken against what the run recorded at placement. A return and the refund of
 * the same items describe the same money, hence min and not a product.
 */
export const loadOrderRemainingShareStep = createStep(
  loadOrderRemainingShareStepId,
  async (input: { order_id: string; cancel: boolean }, { container }) => {
    if (input.cancel) return new StepResponse("0")
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const [run] = await commission.listCommissionRuns({ order_id: input.order_id, superseded_at: null }, { take: 1 })
    if (!run) return new StepResponse("1")
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "status", ...ORDER_BASIS_FIELDS, "payment_collections.payments.refunds.amount"],
      filters: { id: input.order_id },
    })
    const order: any = orders[0]
    if (!order) return new StepResponse("1")
    if (order.status === "canceled") return new StepResponse("0")

    const originalBasis = MathBN.convert(run.basis as any)
    const currentBasis = MathBN.convert(orderBasis(order.items ?? []))
    const afterReturns = MathBN.gt(originalBasis, 0)
      ? MathBN.min(1, MathBN.div(currentBasis, originalBasis))
      : MathBN.convert(1)
    const refunded = (order.payment_collections ?? [])
      .flatMap((pc: any) => pc.payments ?? [])
      .flatMap((p: any) => p.refunds ?? [])
      .reduce((sum: any, r: any) => MathBN.add(sum, r.amount ?? 0), MathBN.convert(0))
    const itemTotalAtPlacement = MathBN.convert((run.explanation as any)?.order_item_total ?? order.item_total ?? 0)
    const afterRefunds = MathBN.gt(itemTotalAtPlacement, 0)
      ? MathBN.max(0, MathBN.sub(1, MathBN.div(refunded, itemTotalAtPlacement)))
      : MathBN.convert(1)
    return new StepResponse(MathBN.max(0, MathBN.min(afterReturns, afterRefunds)).toString())
  }
)
