import { model } from "@medusajs/framework/utils"

/**
 * A preferred customer: a member (wholesale prices) who is not a distributor. Kept so that
 * terminating a distributor who is also a preferred customer does not end their member prices.
 */
export const PreferredCustomer = model
  .define(
    { name: "preferred_customer", tableName: "mlm_preferred_customer" },
    {
      id: model.id({ prefix: "mlmpc" }).primaryKey(),
      customer_id: model.text(),
      sponsor_id: model.text().nullable(),
    }
  )
  .indexes([{ on: ["customer_id"], unique: true, where: "deleted_at IS NULL" }])
