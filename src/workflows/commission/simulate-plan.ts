import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import { NETWORK_MODULE } from "../../modules/network"
import type NetworkModuleService from "../../modules/network/service"
import { planSettings, PlanInput } from "../../modules/commission/utils/plan"
import { DEFAULT_ACTIVITY } from "../../modules/commission/utils/qualification"
import {
  DraftPlan,
  SimulationTally,
  simulationWarnings,
  SyntheticShape,
  syntheticOrders,
} from "../../modules/commission/utils/simulation"
import type { Simulation } from "../../types/simulation"

export type SimulatePlanInput = {
  plan: PlanInput
  currency_code?: string
  /** history: the orders placed in the period, both ends inclusive */
  from?: Date
  to?: Date
  synthetic?: Omit<SyntheticShape, "seed"> & { seed?: number }
}

/** Orders read per page: bounded memory and a progress line per page on long replays. */
const PAGE = 5000
const FIRST_PAGE = 500
const PROGRESS_EVERY = 20_000

/**
 * The plan simulator (a read: nothing is written). On history, every order placed in the period is
 * replayed from its snapshot under the draft, beside what its beneficiaries hold in the ledger; on a
 * synthetic network, the draft beside the active plan. The caller has validated the draft.
 */
export async function simulatePlan(container: MedusaContainer, input: SimulatePlanInput): Promise<Simulation> {
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const draft: DraftPlan = planSettings(input.plan)
  const warnPercent = network.getPluginOptions().simulation?.warn_payout_percent ?? null

  if (input.synthetic) {
    const shape = { seed: 1, ...input.synthetic }
    const active = await commission.retrieveActivePlan()
    const baseline: DraftPlan = active ?? { levels: [], compression: true, retail_profit: false, activity: { ...DEFAULT_ACTIVITY }, ranks: [], max_payout_percent: 100 }
    const currency = input.currency_code ?? (await defaultCurrency(container))
    const tally = new SimulationTally(draft, currency, baseline)
    const { orders, max_depth_reached } = syntheticOrders(shape, currency, baseline.activity, baseline.ranks)
    const progress = progressOf(logger, shape.orders)
    for (const order of orders) {
      tally.addReplayed(order)
      progress.step()
    }
    progress.done()
    const totals = tally.result({ draft: "draft", actual: active ? `v${active.version}` : "no plan" })
    return {
      mode: "synthetic",
      currency_code: currency,
      from: null,
      to: null,
      currencies: [currency],
      draft: totals.draft,
      actual: totals.actual,
      holdings_changed: totals.holdings_changed,
      orders_changed: totals.orders_changed,
      warnings: simulationWarnings(totals, draft, { warn_payout_percent: warnPercent, windows: [baseline.activity.window_days] }),
      synthetic: { ...shape, max_depth_reached },
    }
  }

  const period = { from: input.from!, to: input.to! }
  const currencies = await commission.listPeriodCurrencies(period)
  const currency = input.currency_code ?? currencies[0]?.currency_code ?? (await defaultCurrency(container))
  const total = currencies.find((c) => c.currency_code === currency)?.orders ?? 0
  const tally = new SimulationTally(draft, currency)
  const versions = new Set<number>()
  const windows = new Set<number>()
  const progress = progressOf(logger, total)
  const read = (after: string, limit: number) => commission.listSimulationOrders({ ...period, currency_code: currency, after, limit })
  // a short first page starts the replay sooner; the database reads each next page while one is replayed
  let limit = FIRST_PAGE
  let next = read("", limit)
  for (;;) {
    const page = await next
    const full = page.length === limit
    limit = PAGE
    if (full) next = read(page[page.length - 1].id, limit)
    for (const order of page) {
      if (order.plan_version != null) versions.add(order.plan_version)
      if (order.rules) windows.add(order.rules.window_days)
      tally.add(order, { holdings: order.holdings, breakage: order.breakage })
      progress.step()
    }
    if (!full) break
  }
  progress.done()
  const paidBy = [...versions].sort((a, b) => a - b).map((v) => `v${v}`).join(", ")
  const totals = tally.result({ draft: "draft", actual: paidBy ? `ledger (${paidBy})` : "ledger" })
  return {
    mode: "history",
    currency_code: currency,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    currencies: currencies.map((c) => c.currency_code),
    draft: totals.draft,
    actual: totals.actual,
    holdings_changed: totals.holdings_changed,
    orders_changed: totals.orders_changed,
    warnings: simulationWarnings(totals, draft, { warn_payout_percent: warnPercent, windows: [...windows] }),
    synthetic: null,
  }
}

/** The store's default currency (lowercase), "eur" when the store has none. */
export async function defaultCurrency(container: MedusaContainer): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stores } = await query.graph({ entity: "store", fields: ["supported_currencies.currency_code", "supported_currencies.is_default"] })
  const currencies = (stores[0]?.supported_currencies ?? []).filter((c): c is NonNullable<typeof c> => !!c)
  return (currencies.find((c) => c.is_default) ?? currencies[0])?.currency_code?.toLowerCase() ?? "eur"
}

/** A progress line every PROGRESS_EVERY orders of a long replay (the admin's request waits; the log shows how far it is). */
function progressOf(logger: { info: (message: string) => void }, total: number) {
  let done = 0
  const started = Date.now()
  return {
    step() {
      done++
      if (total > PROGRESS_EVERY && done % PROGRESS_EVERY === 0) {
        logger.info(`mlm plan simulation: ${done} of ${total} orders replayed (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      }
    },
    done() {
      if (total > PROGRESS_EVERY) logger.info(`mlm plan simulation: ${done} orders replayed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    },
  }
}
