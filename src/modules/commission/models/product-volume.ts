import { model } from "@medusajs/framework/utils"

/**
 * A product's volume settings, for all its variants: points per unit sold (PV) and whether it is
 * commissionable at all (a starter kit is not: it adds nothing to the basis and nothing to volume).
 * A product without a row is commissionable and counts 0 PV. Orders freeze these values the first
 * time they see a product, so a later edit changes future orders only.
 */
export const ProductVolume = model
  .define(
    { name: "product_volume", tableName: "mlm_product_volume" },
    {
      id: model.id({ prefix: "mlmpv" }).primaryKey(),
      product_id: model.text(),
      pv_per_unit: model.bigNumber(),
      commissionable: model.boolean().default(true),
    }
  )
  .indexes([{ on: ["product_id"], unique: true, where: "deleted_at IS NULL" }])
