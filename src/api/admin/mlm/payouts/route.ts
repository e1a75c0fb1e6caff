import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createPayoutsWorkflow } from "../../../../workflows/commission/workflows/create-payouts"
import { resolveCommission, serializePayout } from "../../../utils/commission"
import { distributorsById, resolveNetwork } from "../../../utils/network"
import { toNumber } from "../../../../modules/commission/utils/money"
import type { AdminCreatePayoutsType, AdminListPayoutsQueryType } from "../validators"

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

/** Payouts, newest first, with the distributor's handle and name; filter by currency or distributor. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListPayoutsQueryType>, res: MedusaResponse) {
  const { currency_code, distributor_id, limit, offset } = req.validatedQuery as AdminListPayoutsQueryType
  const filters: Record<string, string> = {}
  if (currency_code) filters.currency_code = currency_code
  if (distributor_id) filters.distributor_id = distributor_id
  const [payouts, count] = await resolveCommission(req.scope).listAndCountPayouts(filters, {
    order: { created_at: "DESC", id: "ASC" },
    take: limit,
    skip: offset,
  })
  const names = await distributorRefs(req, payouts.map((p: any) => p.distributor_id))
  res.json({
    payouts: payouts.map((p: any) => ({
      ...serializePayout({ ...p, amount: String(p.amount) }),
      distributor: names.get(p.distributor_id) ?? null,
    })),
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
