import { model } from "@medusajs/framework/utils"

/**
 * Which distributor an order is credited to, and why. One per order: a unique index makes a
 * duplicated order.placed (or two workers) produce one attribution.
 * - link:       the cart came through the distributor's storefront link
 * - lifetime:   no referral, but the customer is bound to the distributor from an earlier order
 * - enrollment: no referral, but the customer joined under this sponsor
 * - self:       the buyer is a distributor: their own order (level 1 of commissions is their sponsor)
 * - admin:      corrected by an admin (`history` keeps what it was before, who changed it and when)
 */
export const OrderAttribution = model
  .define(
    { name: "order_attribution", tableName: "mlm_order_attribution" },
    {
      id: model.id({ prefix: "mlmattr" }).primaryKey(),
      order_id: model.text(),
      cart_id: model.text().nullable(),
      customer_id: model.text().nullable(),
      distributor_id: model.text(),
      source: model.enum(["link", "lifetime", "enrollment", "self", "admin"]),
      referral_handle: model.text().nullable(),
      corrected_by: model.text().nullable(),
      corrected_at: model.dateTime().nullable(),
      history: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["order_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["distributor_id"], where: "deleted_at IS NULL" },
  ])
