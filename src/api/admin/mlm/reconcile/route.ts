import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconcileOrders, type ReconcileResult } from "../../../../workflows/commission/reconcile-orders"

/**
 * Settles every order that needs it, now: orders changed since the last reconciliation (no grace
 * period, so an order whose events were lost is repaired at once) and the ones that failed before.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse<ReconcileResult>) {
  res.json(await reconcileOrders(req.scope, { graceSeconds: 0 }))
}
