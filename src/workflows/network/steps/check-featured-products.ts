import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type CheckFeaturedProductsInput = { product_ids: string[] }

export const checkFeaturedProductsStepId = "check-featured-products"

/** A distributor may feature only products the shop sells (published). Reads only: nothing to undo. */
export const checkFeaturedProductsStep = createStep(
  checkFeaturedProductsStepId,
  async ({ product_ids }: CheckFeaturedProductsInput, { container }) => {
    if (!product_ids.length) return new StepResponse(product_ids)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "product", fields: ["id"], filters: { id: product_ids, status: "published" } })
    const found = new Set(data.map((p: { id: string }) => p.id))
    const unknown = product_ids.filter((id) => !found.has(id))
    if (unknown.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `No published product has the id ${unknown.join(", ")}`)
    }
    return new StepResponse(product_ids)
  }
)
