import { MathBN } from "@medusajs/framework/utils"
import { computeCommissionLines } from "../../modules/commission/utils/compute-commission-lines"
import type { NewCommissionRun } from "../../modules/commission/types"
import type { CommissionContext } from "./steps/load-commission-context"

/** Turns the pure computation into the run and lines to store, each line with its explanation. */
export function buildCommissionRun(context: NonNullable<CommissionContext>): NewCommissionRun {
  const plan = context.plan
  const computation = computeCommissionLines({
    basis: context.basis,
    currency_code: context.currency_code,
    levels: plan?.levels ?? [],
    compression: plan?.compression ?? true,
    chain: context.chain,
    retailProfit: context.retail_profit,
  })
  const shared = {
    upline: computation.upline,
    skipped: computation.skipped,
    attribution_source: context.attribution.source,
    plan_version: plan?.version ?? null,
  }
  return {
    order_id: context.order_id,
    attributed_distributor_id: context.attribution.distributor_id,
    attribution_source: context.attribution.source,
    plan_id: plan?.id ?? null,
    plan_version: plan?.version ?? null,
    hold_days: plan?.hold_days ?? 0,
    currency_code: context.currency_code,
    basis: computation.basis,
    plan_amount: computation.plan_amount,
    paid_amount: computation.lines.reduce((sum, l) => MathBN.add(sum, l.amount), MathBN.convert(0)).toString(),
    breakage: computation.breakage,
    explanation: {
      ...shared,
      unpaid_levels: computation.unpaid_levels,
      order_item_total: context.item_total,
      retail_profit: computation.retail_profit,
      note: plan ? undefined : "No compensation plan is configured: this order earns nothing.",
    },
    lines: computation.lines.map((line) => ({
      distributor_id: line.distributor_id,
      distributor_handle: line.distributor_handle,
      level: line.level,
      kind: line.kind,
      basis: computation.basis,
      percent: line.percent,
      amount: line.amount,
      explanation: {
        ...shared,
        rounding: line.rounding,
        ...(line.kind === "retail_profit" ? { retail_profit: "retail price paid minus member price of the items" } : {}),
      },
    })),
  }
}
