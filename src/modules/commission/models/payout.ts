import { model } from "@medusajs/framework/utils"

/** Approved lines of one distributor in one currency, paid together. Never negative. */
export const Payout = model
  .define(
    { name: "payout", tableName: "mlm_payout" },
    {
      id: model.id({ prefix: "mlmpay" }).primaryKey(),
      distributor_id: model.text(),
      currency_code: model.text(),
      amount: model.bigNumber(),
      line_count: model.number(),
      created_by: model.text().nullable(),
    }
  )
  .indexes([{ on: ["distributor_id"], where: "deleted_at IS NULL" }])
