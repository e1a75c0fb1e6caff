import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveCommission } from "../../../../utils/commission"
import { resolvePayoutModule } from "../../../../utils/payout"
import { recordPayoutStatusWorkflow } from "../../../../../workflows/payout/workflows/record-payout-status"

/**
 * A payout provider's webhook (e.g. Stripe's `transfer.reversed`): the provider verifies the call
 * (signature) and names the payout and its new status, which is recorded like the admin's. 400 when
 * the provider refuses the call; 200 with `{ received: true }` for events that are not about a payout.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const provider = resolvePayoutModule(req.scope).provider(req.params.provider)
  if (!provider.handleWebhook) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Payout provider "${req.params.provider}" takes no webhooks`)
  }
  let change
  try {
    change = await provider.handleWebhook({ raw_body: (req as any).rawBody ?? JSON.stringify(req.body ?? {}), headers: req.headers })
  } catch (error) {
    if (error instanceof MedusaError) throw error
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `The webhook was refused: ${(error as Error).message}`)
  }
  if (!change) return void res.json({ received: true })
  const commission = resolveCommission(req.scope)
  const payout = change.payout_id
    ? (await commission.listPayoutRows({ ids: [change.payout_id] }, { limit: 1, offset: 0 })).payouts[0]
    : change.reference
      ? await commission.retrievePayoutByReference(req.params.provider, change.reference)
      : null
  if (!payout) return void res.json({ received: true, payout: null })
  const { result } = await recordPayoutStatusWorkflow(req.scope).run({
    input: { payout_id: payout.id, provider_id: req.params.provider, status: change.status, reference: change.reference, message: change.message },
  })
  res.json({ received: true, payout: { id: result.id, status: result.status } })
}
