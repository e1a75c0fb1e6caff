import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveProductVolumeStep } from "../steps/save-product-volume"

export const saveProductVolumeWorkflowId = "mlm-save-product-volume"

/** Sets a product's PV per unit and whether it is commissionable; orders already settled keep theirs. */
export const saveProductVolumeWorkflow = createWorkflow(
  saveProductVolumeWorkflowId,
  (input: { product_id: string; pv_per_unit?: number; commissionable?: boolean }) => {
    return new WorkflowResponse(saveProductVolumeStep(input))
  }
)
