import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { saveProductVolumeWorkflow } from "../../../../../../workflows/commission/workflows/save-product-volume"
import { resolveCommission } from "../../../../../utils/commission"
import type { ProductVolume } from "../../../../../../types/plan"
import type { AdminProductVolumeType } from "../../../validators"
import type { JsonOf, ProductVolumeResponse } from "../../../../../../types/admin"

async function assertProduct(req: AuthenticatedMedusaRequest<any>): Promise<string> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "product", fields: ["id"], filters: { id: req.params.id } })
  if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product ${req.params.id} was not found`)
  return req.params.id
}

/** A product's volume settings; a product without settings answers the defaults (0 PV, commissionable). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<ProductVolumeResponse>>) {
  const productId = await assertProduct(req)
  const rate = (await resolveCommission(req.scope).productVolumeRates([productId]))[productId]
  res.json({
    product_volume: { product_id: productId, pv_per_unit: MathBN.convert(rate.pv_per_unit).toNumber(), commissionable: rate.commissionable },
  })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminProductVolumeType>, res: MedusaResponse<JsonOf<ProductVolumeResponse>>) {
  const productId = await assertProduct(req)
  const { result } = await saveProductVolumeWorkflow(req.scope).run({ input: { product_id: productId, ...req.validatedBody } })
  res.json({ product_volume: result })
}
