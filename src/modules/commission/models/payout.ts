import { model } from "@medusajs/framework/utils"

/**
 * Approved lines of one distributor in one currency, paid together through a payout provider. Never
 * negative. pending -> sent -> paid, or failed (its lines return to approved; `line_ids` keeps what
 * it held). A retry is a new payout with the same `idempotency_key` (`retry_of` the failed one).
 */
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
      status: model.enum(["pending", "sent", "paid", "failed"]).default("pending"),
      provider_id: model.text().default("manual"),
      run_id: model.text().nullable(),
      idempotency_key: model.text().nullable(),
      retry_of: model.text().nullable(),
      reference: model.text().nullable(),
      message: model.text().nullable(),
      line_ids: model.json().nullable(),
      details: model.json().nullable(),
      sent_at: model.dateTime().nullable(),
      paid_at: model.dateTime().nullable(),
      failed_at: model.dateTime().nullable(),
    }
  )
  .indexes([
    { on: ["distributor_id"], where: "deleted_at IS NULL" },
    { on: ["status", "provider_id"], where: "deleted_at IS NULL" },
  ])
