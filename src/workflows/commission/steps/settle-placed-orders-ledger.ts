import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readOrdersNow } from "../load-order-now"
import { settleOrder, SettlementResult, SettlementUndo, undoSettlement } from "./settle-order-ledger"

export const settlePlacedOrdersLedgerStepId = "settle-placed-orders-ledger"

/**
 * settleOrderLedger for several placed orders: the credited ones are read in one query (after their
 * attributions were written), then each order settles as on its own, in its own transaction under
 * its lock (settleOrder says when the early read is used). Compensation takes back every order's
 * settlement; a failure part way takes back the orders already settled before it fails.
 */
export const settlePlacedOrdersLedgerStep = createStep(
  settlePlacedOrdersLedgerStepId,
  async (input: { order_ids: string[]; credited_ids: string[] }, { container }) => {
    const rows = input.credited_ids.length ? await readOrdersNow(container, input.credited_ids) : new Map()
    const results: SettlementResult[] = []
    const undos: (SettlementUndo | null)[] = []
    try {
      for (const orderId of input.order_ids) {
        const { result, undo } = await settleOrder(container, { order_id: orderId, trigger: "order.placed" }, rows.get(orderId))
        results.push(result)
        undos.push(undo)
      }
    } catch (error) {
      await undoAll(container, undos)
      throw error
    }
    return new StepResponse(results, undos)
  },
  async (undos, { container }) => {
    if (undos) await undoAll(container, undos)
  }
)

async function undoAll(container: MedusaContainer, undos: (SettlementUndo | null)[]): Promise<void> {
  for (const undo of [...undos].reverse()) await undoSettlement(container, undo)
}
