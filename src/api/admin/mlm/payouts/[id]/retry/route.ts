import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryPayoutWorkflow } from "../../../../../../workflows/payout/workflows/retry-payout"
import { resendPayoutWorkflow } from "../../../../../../workflows/payout/workflows/resend-payout"
import { resolveCommission } from "../../../../../utils/commission"
import { serializePayout } from "../../../../../utils/payout"
import type { JsonOf, PayoutResponse } from "../../../../../../types/admin"

/**
 * Asks the provider again, with the payout's idempotency key: a pending payout whose outcome is
 * unknown is sent again as it is; a failed payout becomes a new attempt (a new payout, same key, same
 * lines; 409 if they changed). 409 for a payout that is sent or paid.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<PayoutResponse>>) {
  const { payouts } = await resolveCommission(req.scope).listPayoutRows({ ids: [req.params.id] }, { limit: 1, offset: 0 })
  const workflow = payouts[0]?.status === "failed" ? retryPayoutWorkflow : resendPayoutWorkflow
  const { result } = await workflow(req.scope).run({ input: { payout_id: req.params.id, created_by: req.auth_context.actor_id } })
  res.json({ payout: serializePayout(result) })
}
