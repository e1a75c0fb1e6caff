import { MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { ProductVolume } from "../../../types/plan"

export const saveProductVolumeStepId = "save-product-volume"

/**
 * Writes a product's volume settings; a field not given keeps its value (or the default: 0 PV,
 * commissionable). Compensation puts the previous settings back, or removes the new row.
 */
export const saveProductVolumeStep = createStep(
  saveProductVolumeStepId,
  async (input: { product_id: string; pv_per_unit?: number; commissionable?: boolean }, { container }) => {
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const [before] = await commission.listProductVolumes({ product_id: input.product_id }, { take: 1 })
    const current = (await commission.productVolumeRates([input.product_id]))[input.product_id]
    const saved = await commission.saveProductVolume({
      product_id: input.product_id,
      pv_per_unit: input.pv_per_unit !== undefined ? MathBN.convert(input.pv_per_unit).toString() : current.pv_per_unit,
      commissionable: input.commissionable ?? current.commissionable,
    })
    const answer: ProductVolume = {
      product_id: input.product_id,
      pv_per_unit: MathBN.convert(saved.pv_per_unit as any).toNumber(),
      commissionable: !!saved.commissionable,
    }
    return new StepResponse(answer, { created_id: before ? null : saved.id, before: before ?? null })
  },
  async (undo, { container }) => {
    if (!undo) return
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    if (undo.created_id) await commission.deleteProductVolumes(undo.created_id)
    if (undo.before) {
      await commission.updateProductVolumes({
        id: undo.before.id,
        pv_per_unit: undo.before.pv_per_unit,
        commissionable: undo.before.commissionable,
      } as any)
    }
  }
)
