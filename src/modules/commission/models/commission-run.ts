import { model } from "@medusajs/framework/utils"

/**
 * The computation of one order's commissions: what the plan would pay, what the lines pay and the
 * breakage, with the plan version and the upline snapshot. One current run per order: the anchor of
 * exactly-once (a second computation of the same order finds it and writes nothing).
 */
export const CommissionRun = model
  .define(
    { name: "commission_run", tableName: "mlm_commission_run" },
    {
      id: model.id({ prefix: "mlmrun" }).primaryKey(),
      order_id: model.text(),
      attributed_distributor_id: model.text(),
      attribution_source: model.text(),
      plan_id: model.text().nullable(),
      plan_version: model.number().nullable(),
      currency_code: model.text(),
      basis: model.bigNumber(),
      plan_amount: model.bigNumber(),
      paid_amount: model.bigNumber(),
      breakage: model.bigNumber(),
      explanation: model.json(),
      // Set when an admin's attribution correction replaced this run by a new one.
      superseded_at: model.dateTime().nullable(),
    }
  )
  .indexes([{ on: ["order_id"], unique: true, where: "deleted_at IS NULL AND superseded_at IS NULL" }])
