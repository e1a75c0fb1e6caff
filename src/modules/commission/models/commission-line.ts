import { model } from "@medusajs/framework/utils"

/**
 * One ledger row. Append-only: amounts never change; a status moves pending -> approved -> paid
 * or pending -> reversed, and any later change is a new line: a negative `clawback` or a positive
 * `adjustment` written by a settlement (DESIGN.md, "Settlement").
 * `earning` says which of the beneficiary's earnings on the order a line belongs to (its percent
 * commission or its retail profit), so a clawback or adjustment is netted with the right lines.
 * (order_id, level, kind, adjustment_key) is unique: adjustment_key is "" for lines of version 0.1's
 * first computation, else `s<settlement number>:<distributor>:<earning>`, so a settlement that was
 * already written cannot be written again.
 */
export const CommissionLine = model
  .define(
    { name: "commission_line", tableName: "mlm_commission_line" },
    {
      id: model.id({ prefix: "mlmcom" }).primaryKey(),
      order_id: model.text(),
      run_id: model.text(),
      distributor_id: model.text(),
      distributor_handle: model.text(),
      source_distributor_id: model.text(),
      level: model.number(),
      kind: model.enum(["commission", "clawback", "retail_profit", "adjustment"]),
      earning: model.enum(["commission", "retail_profit"]).default("commission"),
      adjustment_key: model.text().default(""),
      reverses_line_id: model.text().nullable(),
      basis: model.bigNumber(),
      percent: model.bigNumber(),
      amount: model.bigNumber(),
      currency_code: model.text(),
      status: model.enum(["pending", "approved", "paid", "reversed"]).default("pending"),
      plan_version: model.number().nullable(),
      explanation: model.json(),
      // null while the order is not fulfilled (mature_from "fulfilled"): such a line never matures
      hold_until: model.dateTime().nullable(),
      approved_at: model.dateTime().nullable(),
      paid_at: model.dateTime().nullable(),
      reversed_at: model.dateTime().nullable(),
      payout_id: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["order_id", "level", "kind", "adjustment_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["distributor_id", "status"], where: "deleted_at IS NULL" },
    { on: ["order_id", "distributor_id"], where: "deleted_at IS NULL" },
    { on: ["status", "hold_until"], where: "deleted_at IS NULL" },
    { on: ["payout_id"], where: "deleted_at IS NULL" },
  ])
