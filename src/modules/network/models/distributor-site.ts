import { model } from "@medusajs/framework/utils"

/**
 * A distributor's replicated site: what their page at `/{handle}` shows besides their name. Kept
 * apart from the distributor row (a million of those stay narrow). `hidden_fields` lists what an
 * admin has hidden from the public page (moderation); the distributor still sees and edits it.
 */
export const DistributorSite = model
  .define(
    { name: "distributor_site", tableName: "mlm_distributor_site" },
    {
      id: model.id({ prefix: "mlmsite" }).primaryKey(),
      distributor_id: model.text(),
      bio: model.text().nullable(),
      avatar_url: model.text().nullable(),
      // { email?, phone?, url? }
      contact: model.json().nullable(),
      // Product ids in the distributor's order, at most MAX_FEATURED_PRODUCTS.
      featured_product_ids: model.array().default([]),
      // Site fields an admin hid: "bio" | "avatar_url" | "contact".
      hidden_fields: model.array().default([]),
    }
  )
  .indexes([{ on: ["distributor_id"], unique: true, where: "deleted_at IS NULL" }])
