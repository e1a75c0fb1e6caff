import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadCommissionContextStep } from "../steps/load-commission-context"
import { recordCommissionRunStep } from "../steps/record-commission-run"
import { buildCommissionRun } from "../build-commission-run"

export const COMMISSION_CREATED_EVENT = "mlm.commission.created"

export const computeOrderCommissionsWorkflowId = "mlm-compute-order-commissions"

/**
 * Computes an attributed order's commissions with the active plan: one line per paid level,
 * each with its explanation, exactly once per order (a second run returns the first run's lines).
 * With no plan, the run is still recorded with no lines, so "earned nothing" is visible.
 */
export const computeOrderCommissionsWorkflow = createWorkflow(
  computeOrderCommissionsWorkflowId,
  (input: { order_id: string }) => {
    const context = loadCommissionContextStep(input)
    const run = transform({ context }, ({ context }) => (context ? buildCommissionRun(context) : null))
    const recorded = when({ run }, ({ run }) => !!run).then(() => recordCommissionRunStep(run as any))
    when({ recorded }, ({ recorded }) => !!recorded?.created && recorded.lines.length > 0).then(() => {
      emitEventStep({
        eventName: COMMISSION_CREATED_EVENT,
        data: transform({ recorded, input }, ({ recorded, input }) => ({
          order_id: input.order_id,
          ids: recorded!.lines.map((l) => l.id),
        })),
      })
    })
    return new WorkflowResponse(transform({ recorded }, ({ recorded }) => recorded?.lines ?? []))
  }
)
