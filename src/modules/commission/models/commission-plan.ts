import { model } from "@medusajs/framework/utils"

/**
 * One immutable version of the compensation plan. Every edit inserts a new version; the active
 * plan is the highest version, so a failed edit can never leave a half-changed plan behind.
 */
export const CommissionPlan = model
  .define(
    { name: "commission_plan", tableName: "mlm_commission_plan" },
    {
      id: model.id({ prefix: "mlmplan" }).primaryKey(),
      version: model.number(),
      name: model.text(),
      levels: model.json(),
      max_payout_percent: model.bigNumber(),
      hold_days: model.number(),
      compression: model.boolean(),
      retail_profit: model.boolean().default(false),
      // { min_pv, window_days }; null on versions older than volumes (everyone with status active is active)
      activity: model.json().nullable(),
      // [{ name, min_pv, min_gv, min_active_legs }], lowest first
      ranks: model.json().nullable(),
      // { [currency_code]: amount }: balances below it carry to the next payout run
      min_payout: model.json().nullable(),
      created_by: model.text().nullable(),
    }
  )
  .indexes([{ on: ["version"], unique: true, where: "deleted_at IS NULL" }])
