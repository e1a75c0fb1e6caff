import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  correctOrderAttributionStep,
  CorrectOrderAttributionInput,
  validateAttributionCorrectionStep,
} from "../steps/correct-order-attribution"
import { settleOrderCommissionsWorkflow } from "../../commission/workflows/settle-order-commissions"

export const ATTRIBUTION_CORRECTED_EVENT = "mlm.attribution.corrected"

export const correctOrderAttributionWorkflowId = "mlm-correct-order-attribution"

/**
 * An admin credits an order to another distributor; who did it and what it was stays in history.
 * Unpaid commissions are recomputed for the new attribution; paid ones make the correction refused.
 */
export const correctOrderAttributionWorkflow = createWorkflow(
  correctOrderAttributionWorkflowId,
  (input: CorrectOrderAttributionInput) => {
    const { distributor_id } = validateAttributionCorrectionStep(input)
    const attribution = correctOrderAttributionStep(
      transform({ input, distributor_id }, ({ input, distributor_id }) => ({
        order_id: input.order_id,
        distributor_id,
        actor_id: input.actor_id,
        reason: input.reason ?? null,
      }))
    )
    // The order's commissions follow the correction: new beneficiaries at the order's frozen rates,
    // settled against the order as it is now (a cancel or refund stays in force).
    settleOrderCommissionsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ order_id: input.order_id, trigger: "attribution.corrected" as const })),
    })
    emitEventStep({
      eventName: ATTRIBUTION_CORRECTED_EVENT,
      data: transform({ attribution }, ({ attribution }) => ({
        order_id: attribution.order_id,
        distributor_id: attribution.distributor_id,
      })),
    })
    return new WorkflowResponse(attribution)
  }
)
