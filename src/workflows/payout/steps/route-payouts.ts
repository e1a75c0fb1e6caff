import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { PAYOUT_MODULE } from "../../../modules/payout"
import type PayoutModuleService from "../../../modules/payout/service"
import type { PayoutSkipReason } from "../../../types/payout"

export type PayoutRoute = { provider_id: string; details: Record<string, unknown> } | { reason: PayoutSkipReason; note: string }

export type RoutePayoutsInput = { currency_code: string; distributor_ids?: string[] }

export const routePayoutsStepId = "route-payouts"

/**
 * Before a run: who could be paid and how. For every distributor with an approved balance in the
 * currency, their payout method (or the shop's default) or why they are held (terminated, a method
 * that cannot be used), and the active plan's minimum payout for the currency. Reads only.
 */
export const routePayoutsStep = createStep(routePayoutsStepId, async (input: RoutePayoutsInput, { container }) => {
  return new StepResponse(await payoutRoutes(container, input))
})

/** The routing read, shared by the run and its preview (GET /admin/mlm/payouts/preview). */
export async function payoutRoutes(
  container: MedusaContainer,
  input: RoutePayoutsInput
): Promise<{ routes: Record<string, PayoutRoute>; min_payout: string | null }> {
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const payout = container.resolve<PayoutModuleService>(PAYOUT_MODULE)
  const wanted = input.distributor_ids ? new Set(input.distributor_ids) : null
  const ids = (await commission.listPayableDistributors(input.currency_code)).filter((id) => !wanted || wanted.has(id))
  const [distributors, methods, plan] = await Promise.all([
    ids.length ? network.listDistributors({ id: ids }, { take: null, select: ["id", "status"] }) : [],
    payout.methodsOf(ids),
    commission.retrieveActivePlan(),
  ])
  const statusOf = new Map(distributors.map((d: { id: string; status: string }): [string, string] => [d.id, d.status]))
  const routes: Record<string, PayoutRoute> = {}
  for (const id of ids) {
    const method = methods.get(id)!
    const problem = payout.cannotPay(method)
    routes[id] =
      statusOf.get(id) === "terminated"
        ? { reason: "terminated", note: "terminated distributors are not paid; the balance is held" }
        : problem
          ? { reason: "method_unusable", note: problem }
          : { provider_id: method.provider_id, details: method.details }
  }
  const minimum = plan?.min_payout?.[input.currency_code.toLowerCase()]
  return { routes, min_payout: minimum == null ? null : String(minimum) }
}
