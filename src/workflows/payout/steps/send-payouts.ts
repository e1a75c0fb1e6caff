import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { PayoutDTO } from "../../../modules/commission/types"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { PAYOUT_MODULE } from "../../../modules/payout"
import type PayoutModuleService from "../../../modules/payout/service"
import type { PayoutProviderResult, PayoutRequest, PayoutStatus } from "../../../types/payout"

export type PayoutChange = { payout: PayoutDTO; passed: PayoutStatus[] }

export const sendPayoutsStepId = "send-payouts"

/**
 * Hands each payout to its provider, one at a time, after the reservation committed (no database
 * lock is held while a provider is called), and records the answer. A provider that throws leaves
 * the outcome unknown: the payout stays pending with the error as its message, and a retry repeats
 * the same idempotency key. No compensation: money that left cannot be called back by a rollback;
 * the payout's status says what happened.
 */
export const sendPayoutsStep = createStep(sendPayoutsStepId, async (input: { payouts: PayoutDTO[] }, { container }) => {
  const changes = await sendPayouts(container, input.payouts)
  return new StepResponse(changes)
})

export async function sendPayouts(container: MedusaContainer, payouts: PayoutDTO[]): Promise<PayoutChange[]> {
  if (!payouts.length) return []
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const payoutModule = container.resolve<PayoutModuleService>(PAYOUT_MODULE)
  const requests = await payoutRequests(container, payouts)
  const changes: PayoutChange[] = []
  for (const payout of payouts) {
    let result: PayoutProviderResult
    try {
      result = await payoutModule.provider(payout.provider_id).send(requests.get(payout.id)!, { container })
    } catch (error) {
      result = { status: "pending", message: `outcome unknown, retry to ask again: ${(error as Error).message}` }
    }
    const recorded = await commission.recordPayoutResult({
      payout_id: payout.id,
      status: result.status,
      reference: result.reference ?? null,
      message: result.message ?? null,
    })
    changes.push({ payout: recorded.payout, passed: recorded.passed })
  }
  return changes
}

/** What each provider is told: the payout, and who the distributor is (handle, name, e-mail). */
export async function payoutRequests(container: MedusaContainer, payouts: PayoutDTO[]): Promise<Map<string, PayoutRequest>> {
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const ids = [...new Set(payouts.map((p) => p.distributor_id))]
  const distributors = await network.listDistributors({ id: ids }, { take: null })
  const customerIds = distributors.map((d) => d.customer_id).filter(Boolean)
  const customers = customerIds.length
    ? await container.resolve(Modules.CUSTOMER).listCustomers({ id: customerIds }, { take: null, select: ["id", "email"] })
    : []
  const emailOf = new Map(customers.map((c: any) => [c.id, c.email ?? null]))
  const byId = new Map(distributors.map((d) => [d.id, d]))
  return new Map(
    payouts.map((p) => {
      const d = byId.get(p.distributor_id)
      return [
        p.id,
        {
          id: p.id,
          idempotency_key: p.idempotency_key,
          run_id: p.run_id ?? p.id,
          amount: p.amount,
          currency_code: p.currency_code,
          distributor: {
            id: p.distributor_id,
            handle: d?.handle ?? "",
            display_name: d?.display_name ?? null,
            email: d ? (emailOf.get(d.customer_id) ?? null) : null,
            customer_id: d?.customer_id ?? null,
          },
          details: p.details ?? {},
        },
      ]
    })
  )
}
