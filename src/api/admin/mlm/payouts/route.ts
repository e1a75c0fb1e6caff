import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createPayoutsWorkflow } from "../../../../workflows/commission/workflows/create-payouts"
import { resolveCommission, serializePayout } from "../../../utils/commission"
import { toNumber } from "../../../../modules/commission/utils/money"
import type { AdminCreatePayoutsType } from "../validators"

/**
 * Pays the approved lines of one currency: one payout per distributor. A distributor whose
 * approved balance is not positive gets none; their lines are carried to the next payout.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreatePayoutsType>, res: MedusaResponse) {
  const { result } = await createPayoutsWorkflow(req.scope).run({
    input: { ...req.validatedBody, created_by: req.auth_context.actor_id },
  })
  res.json({
    payouts: result.payouts.map(serializePayout),
    carried: result.carried.map((c) => ({ distributor_id: c.distributor_id, balance: toNumber(c.balance) })),
  })
}

/** Payouts, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const [payouts, count] = await resolveCommission(req.scope).listAndCountPayouts({}, { order: { created_at: "DESC" }, take: 100 })
  res.json({ payouts: payouts.map((p: any) => serializePayout({ ...p, amount: String(p.amount) })), count })
}
