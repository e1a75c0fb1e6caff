import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkFeaturedProductsStep } from "../steps/check-featured-products"
import { saveDistributorSiteStep, SiteChanges } from "../steps/save-distributor-site"

export const updateStorefrontWorkflowId = "mlm-update-storefront"

export type UpdateStorefrontInput = { distributor_id: string } & Omit<SiteChanges, "hidden_fields">

/**
 * A distributor edits their replicated site: bio, photo, contact and featured products (checked to
 * be products the shop sells). Fields left out are kept; null clears one.
 */
export const updateStorefrontWorkflow = createWorkflow(updateStorefrontWorkflowId, (input: UpdateStorefrontInput) => {
  when("featured-products-given", { input }, ({ input }) => !!input.featured_product_ids).then(() => {
    checkFeaturedProductsStep(transform({ input }, ({ input }) => ({ product_ids: input.featured_product_ids ?? [] })))
  })
  const saved = saveDistributorSiteStep(
    transform({ input }, ({ input }) => {
      const { distributor_id, ...changes } = input
      return { distributor_id, changes }
    })
  )
  return new WorkflowResponse(saved)
})
