import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  correctOrderAttributionStep,
  CorrectOrderAttributionInput,
  validateAttributionCorrectionStep,
} from "../steps/correct-order-attribution"

export const ATTRIBUTION_CORRECTED_EVENT = "mlm.attribution.corrected"

export const correctOrderAttributionWorkflowId = "mlm-correct-order-attribution"

/** An admin credits an order to another distributor; who did it and what it was stays in history. */
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
