import { MedusaContainer } from "@medusajs/framework/types"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import { NETWORK_MODULE } from "../../modules/network"
import type NetworkModuleService from "../../modules/network/service"
import { incomeDisclosure } from "../../modules/commission/utils/disclosure"
import type { IncomeDisclosure } from "../../types/simulation"
import { defaultCurrency } from "./simulate-plan"

/**
 * The income disclosure statement for a period (a read): the commission module gives the period's
 * net earnings, clawbacks and volume; the network module the population enrolled by the period's
 * end and their titles; a pure rule (modules/commission/utils/disclosure) does the arithmetic.
 */
export async function loadIncomeDisclosure(
  container: MedusaContainer,
  input: { from: Date; to: Date; currency_code?: string }
): Promise<IncomeDisclosure> {
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const period = { from: input.from, to: input.to }
  const currency =
    input.currency_code ?? (await commission.listPeriodCurrencies(period))[0]?.currency_code ?? (await defaultCurrency(container))
  const money = await commission.periodEarnings({ ...period, currency_code: currency })
  const enrolled = await network.enrolledBy(input.to, money.earnings.map((e) => e.distributor_id))
  const plan = await commission.retrieveActivePlan()
  return incomeDisclosure({
    currency_code: currency,
    ...period,
    enrolled: enrolled.by_rank,
    // an earner counts when they were enrolled by the period's end (always so for the lines' own beneficiaries)
    earnings: money.earnings
      .filter((e) => enrolled.among.has(e.distributor_id))
      .map((e) => ({ ...e, rank: enrolled.among.get(e.distributor_id) ?? null })),
    clawbacks: money.clawbacks,
    volume: money.volume,
    ladder: (plan?.ranks ?? []).map((r) => r.name),
  })
}
