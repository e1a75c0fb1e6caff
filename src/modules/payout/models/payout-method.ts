import { model } from "@medusajs/framework/utils"

/** A distributor's chosen payout provider and the details it needs (e.g. a Stripe account id). */
export const PayoutMethod = model
  .define(
    { name: "payout_method", tableName: "mlm_payout_method" },
    {
      id: model.id({ prefix: "mlmpm" }).primaryKey(),
      distributor_id: model.text(),
      provider_id: model.text(),
      details: model.json().default({}),
    }
  )
  .indexes([{ on: ["distributor_id"], unique: true, where: "deleted_at IS NULL" }])
