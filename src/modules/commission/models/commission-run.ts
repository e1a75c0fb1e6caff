import { model } from "@medusajs/framework/utils"

/**
 * An order's settlement snapshot and its latest settlement. Frozen when the order is first settled:
 * the plan version and its rates (levels, compression, retail profit, hold days) and the
 * beneficiaries (`chain`, level 1 first, with their status then). An admin's attribution correction
 * replaces the beneficiaries, never the rates. `basis`, `plan_amount`, `paid_amount` and `breakage`
 * describe the latest settlement (lines + breakage = rates x basis). One current run per order.
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
      // when the order was placed (order.created_at): the period a report or a plan simulation counts it in
      placed_at: model.dateTime().nullable(),
      basis: model.bigNumber(),
      plan_amount: model.bigNumber(),
      paid_amount: model.bigNumber(),
      breakage: model.bigNumber(),
      explanation: model.json(),
      levels: model.json().nullable(),
      compression: model.boolean().default(true),
      retail_profit: model.boolean().default(false),
      hold_days: model.number().default(0),
      chain: model.json().nullable(),
      // member unit price per variant, frozen the first time a variant is seen on the order
      member_prices: model.json().nullable(),
      original_basis: model.bigNumber().nullable(),
      // the order's volume: who it counts for, its UTC day, the PV applied so far and the frozen
      // { pv_per_unit, commissionable } per product (see settle-order-ledger)
      volume: model.json().nullable(),
      // the activity minimum and rank names the chain's qualifications were frozen with
      rules: model.json().nullable(),
      settle_count: model.number().default(0),
      settled_at: model.dateTime().nullable(),
      // the order's updated_at that the latest settlement written computed from: reconciliation
      // passes over an order that has not changed since
      order_updated_at: model.dateTime().nullable(),
      // Set when an admin's attribution correction replaced this run by a new one.
      superseded_at: model.dateTime().nullable(),
    }
  )
  .indexes([
    { on: ["order_id"], unique: true, where: "deleted_at IS NULL AND superseded_at IS NULL" },
    { on: ["currency_code", "placed_at"], where: "deleted_at IS NULL AND superseded_at IS NULL" },
  ])
