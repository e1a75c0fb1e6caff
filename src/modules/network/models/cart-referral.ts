import { model } from "@medusajs/framework/utils"

/**
 * The referral of a cart, kept in the plugin's own table (cart metadata is writable by anyone
 * through core store routes). `touches` records every storefront visit, oldest first; which one
 * counts is the attribution policy (last_touch or first_touch).
 */
export const CartReferral = model
  .define(
    { name: "cart_referral", tableName: "mlm_cart_referral" },
    {
      id: model.id({ prefix: "mlmref" }).primaryKey(),
      cart_id: model.text(),
      distributor_id: model.text(),
      handle: model.text(),
      source: model.enum(["link", "admin"]).default("link"),
      touches: model.json(),
    }
  )
  .indexes([
    { on: ["cart_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["distributor_id"], where: "deleted_at IS NULL" },
  ])
