import { model } from "@medusajs/framework/utils"

/**
 * Lifetime binding: the distributor a customer belongs to, set once (first order through a link,
 * or joining under a sponsor) and used for that customer's later orders that carry no referral.
 */
export const CustomerBinding = model
  .define(
    { name: "customer_binding", tableName: "mlm_customer_binding" },
    {
      id: model.id({ prefix: "mlmbind" }).primaryKey(),
      customer_id: model.text(),
      distributor_id: model.text(),
      source: model.enum(["order", "enrollment", "admin"]),
      order_id: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["customer_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["distributor_id"], where: "deleted_at IS NULL" },
  ])
