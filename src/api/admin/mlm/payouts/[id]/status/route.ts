import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordPayoutStatusWorkflow } from "../../../../../../workflows/payout/workflows/record-payout-status"
import { serializePayout } from "../../../../../utils/payout"
import type { AdminPayoutStatusType } from "../../../validators"
import type { JsonOf, PayoutResponse } from "../../../../../../types/admin"

/**
 * The admin records what the bank did with a manual payout: `paid` (with the bank's reference), or
 * `failed` (its lines return to approved for the next run). Payouts of other providers get their
 * status from the provider: 409.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminPayoutStatusType>, res: MedusaResponse<JsonOf<PayoutResponse>>) {
  const { result } = await recordPayoutStatusWorkflow(req.scope).run({
    input: { payout_id: req.params.id, provider_id: "manual", ...req.validatedBody },
  })
  res.json({ payout: serializePayout(result) })
}
