import { emitEventStep } from "@medusajs/medusa/core-flows"
import { z } from "@medusajs/framework/zod"
import { MathBN } from "@medusajs/framework/utils"
import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { settleOrderLedgerStep, SettleOrderLedgerInput, SettlementResult } from "../steps/settle-order-ledger"
import { loadSettlementCandidatesStep } from "../steps/load-settlement-candidates"

export const COMMISSION_CREATED_EVENT = "mlm.commission.created"
export const COMMISSION_REVERSED_EVENT = "mlm.commission.reversed"
export const RANK_ACHIEVED_EVENT = "mlm.rank.achieved"

export const settleOrderCommissionsWorkflowId = "mlm-settle-order-commissions"

/**
 * The hooks a host app registered a handler for. The candidates (the order's items and the chain)
 * are read only for them: without a handler a settlement skips those reads (about 20 ms of CPU
 * per settlement, measured on the checkout bench's database).
 */
const hooksWithHandlers = new Set<string>()

/** What a `commissionableItems` handler may answer: items that earn nothing and add no volume. */
export const commissionableItemsResult = z.object({ exclude_item_ids: z.array(z.string()).default([]) }).strict()

/**
 * What a `beneficiaryEligibility` handler may answer: distributors held back from this order, with
 * the reason their line's explanation shows. Read when the order's beneficiaries are frozen (its
 * first settlement, an admin's correction); a held level rolls up under compression.
 */
export const beneficiaryEligibilityResult = z
  .object({ ineligible: z.array(z.object({ distributor_id: z.string(), reason: z.string().min(1).max(200) }).strict()).default([]) })
  .strict()

/**
 * settleOrderCommissions(order_id): the one operation every trigger runs (attribution, cancel,
 * return, refund, order edit, exchange, claim, admin correction, reconciliation). The ledger ends
 * equal to the target for the order as it is now; running it again writes nothing. Announces new
 * earnings (`mlm.commission.created`), what was taken back (`mlm.commission.reversed`) and ranks
 * the order's volume moved (`mlm.rank.achieved`, one event per distributor).
 *
 * Hooks for host apps (one handler each, `settleOrderCommissionsWorkflow.hooks.<name>(handler)`):
 * - `commissionableItems` ({ order_id, items }) -> { exclude_item_ids }
 * - `beneficiaryEligibility` ({ order_id, beneficiaries }) -> { ineligible: [{ distributor_id, reason }] }
 */
export const settleOrderCommissionsWorkflow = createWorkflow(
  settleOrderCommissionsWorkflowId,
  (input: SettleOrderLedgerInput) => {
    const candidates = when({ input }, () => hooksWithHandlers.size > 0).then(() => loadSettlementCandidatesStep(input))
    const commissionableItems = createHook(
      "commissionableItems",
      { order_id: input.order_id, items: transform({ candidates }, ({ candidates }) => candidates?.items ?? []) },
      { resultValidator: commissionableItemsResult }
    )
    const beneficiaryEligibility = createHook(
      "beneficiaryEligibility",
      { order_id: input.order_id, beneficiaries: transform({ candidates }, ({ candidates }) => candidates?.beneficiaries ?? []) },
      { resultValidator: beneficiaryEligibilityResult }
    )
    const settleInput = transform(
      { input, items: commissionableItems.getResult(), eligibility: beneficiaryEligibility.getResult() },
      ({ input, items, eligibility }): SettleOrderLedgerInput => ({
        order_id: input.order_id,
        trigger: input.trigger,
        exclude_item_ids: items?.exclude_item_ids ?? [],
        holds: Object.fromEntries((eligibility?.ineligible ?? []).map((h) => [h.distributor_id, h.reason])),
      })
    )
    const result = settleOrderLedgerStep(settleInput)
    const events = transform({ result }, ({ result }) => settlementEvents([result]))
    when({ events }, ({ events }) => events.created.length > 0).then(() => {
      emitEventStep({ eventName: COMMISSION_CREATED_EVENT, data: events.created }).config({ name: "emit-commission-created" })
    })
    when({ events }, ({ events }) => events.reversed.length > 0).then(() => {
      emitEventStep({ eventName: COMMISSION_REVERSED_EVENT, data: events.reversed }).config({ name: "emit-commission-reversed" })
    })
    when({ events }, ({ events }) => events.ranks.length > 0).then(() => {
      emitEventStep({ eventName: RANK_ACHIEVED_EVENT, data: events.ranks }).config({ name: "emit-rank-achieved" })
    })
    return new WorkflowResponse(result, { hooks: [commissionableItems, beneficiaryEligibility] })
  }
)

/**
 * The events settlements announce, one per order and kind (one per distributor for ranks): new
 * earnings, what was taken back, ranks reached.
 */
export function settlementEvents(results: SettlementResult[]) {
  return {
    created: results
      .map((r) => ({ order_id: r.order_id, ids: r.inserted.filter((l) => MathBN.gt(l.amount, 0)).map((l) => l.id) }))
      .filter((e) => e.ids.length > 0),
    reversed: results
      .map((r) => ({ order_id: r.order_id, reversed_ids: r.reversed, clawback_ids: r.inserted.filter((l) => MathBN.lt(l.amount, 0)).map((l) => l.id) }))
      .filter((e) => e.reversed_ids.length + e.clawback_ids.length > 0),
    ranks: results.flatMap((r) => r.rank_changes.map((c) => ({ ...c, order_id: r.order_id }))),
  }
}

/** A host app registered a handler for one of the settlement's hooks (they run order by order). */
export const settlementHooksHandled = () => hooksWithHandlers.size > 0

// Registering a handler goes through Medusa's own `hooks.<name>(handler)`; it also tells the
// workflow to read the candidates from then on.
for (const name of Object.keys(settleOrderCommissionsWorkflow.hooks) as (keyof typeof settleOrderCommissionsWorkflow.hooks)[]) {
  const register = settleOrderCommissionsWorkflow.hooks[name] as (...args: unknown[]) => unknown
  ;(settleOrderCommissionsWorkflow.hooks as Record<string, unknown>)[name] = (...args: unknown[]) => {
    hooksWithHandlers.add(name)
    return register(...args)
  }
}
