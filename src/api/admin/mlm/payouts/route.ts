import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createPayoutsWorkflow } from "../../../../workflows/payout/workflows/create-payouts"
import { resolveCommission } from "../../../utils/commission"
import { serializePayout } from "../../../utils/payout"
import { distributorsById, resolveNetwork } from "../../../utils/network"
import { toNumber } from "../../../../modules/commission/utils/money"
import type { AdminCreatePayoutsType, AdminListPayoutsQueryType } from "../validators"
import type { JsonOf, PayoutList, PayoutRunResult } from "../../../../types/admin"

/**
 * A payout run of one currency: one payout per distributor paid, sent through their provider. Who
 * is not paid is listed under `carried` with the reason (not positive, below the plan's minimum,
 * terminated, a payout method that cannot be used); their lines stay approved.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreatePayoutsType>, res: MedusaResponse<JsonOf<PayoutRunResult>>) {
  const { result } = await createPayoutsWorkflow(req.scope).run({
    input: { ...req.validatedBody, created_by: req.auth_context.actor_id },
  })
  res.json({
    run_id: result.run_id,
    payouts: result.payouts.map(serializePayout),
    carried: result.carried.map((c) => ({ distributor_id: c.distributor_id, balance: toNumber(c.balance), reason: c.reason, note: c.note })),
  })
}

/** Payouts, newest first, with the distributor's handle and name; filter by currency, distributor, status, provider. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListPayoutsQueryType>, res: MedusaResponse<JsonOf<PayoutList>>) {
  const { limit, offset, ...filter } = req.validatedQuery as AdminListPayoutsQueryType
  const { payouts, count } = await resolveCommission(req.scope).listPayoutRows(filter, { limit, offset })
  const names = await distributorRefs(req, payouts.map((p) => p.distributor_id))
  res.json({
    payouts: payouts.map((p) => ({ ...serializePayout(p), distributor: names.get(p.distributor_id) ?? null })),
    count,
    limit,
    offset,
  })
}

/** `{ id, handle, display_name }` of the given distributors, in one query. */
export async function distributorRefs(req: AuthenticatedMedusaRequest, ids: string[]) {
  const found = await distributorsById(resolveNetwork(req.scope), ids)
  return new Map([...found.values()].map((d) => [d.id, { id: d.id, handle: d.handle, display_name: d.display_name }]))
}
