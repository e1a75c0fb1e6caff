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
  /** told how far the replay is: at the start, every REPORT_EVERY orders and at the end */
  onProgress?: (progress: { done: number; total: number; finished: boolean }) => void
}

/** Orders read per page: bounded memory. */
const PAGE = 5000
/** Orders replayed between two turns of the event loop (a replay is CPU work). */
const YIELD_EVERY = 250
const yieldToServer = () => new Promise((resolve) => setImmediate(resolve))
const PROGRESS_EVERY = 20_000
const REPORT_EVERY = 1000

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
    const progress = progressOf(logger, shape.orders, input.onProgress)
    let n = 0
    for (const order of orders) {
      tally.addReplayed(order)
      progress.step()
      // let the server answer other requests (the progress route among them) during a long replay
      if (++n % YIELD_EVERY === 0) await yieldToServer()
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
  const progress = progressOf(logger, total, input.onProgress)
  const read = (after: string) => commission.listSimulationOrders({ ...period, currency_code: currency, after, limit: PAGE })
  let next = read("")
  for (let more = true; more; ) {
    const page = await next
    // the database reads the next page while this one is replayed
    more = page.length === PAGE
    if (more) next = read(page[page.length - 1].id)
    for (let k = 0; k < page.length; k++) {
      const order = page[k]
      if (order.plan_version != null) versions.add(order.plan_version)
      if (order.rules) windows.add(order.rules.window_days)
      tally.add(order, { holdings: order.holdings, breakage: order.breakage })
      progress.step()
      // yield now and then: the next page keeps streaming in (the database is not held up by a full
      // socket while this one is replayed), and the server answers other requests meanwhile
      if (k % YIELD_EVERY === YIELD_EVERY - 1) await yieldToServer()
    }
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

/**
 * A progress line every PROGRESS_EVERY orders of a long replay in the server's log, and the caller's
 * `report` told at the start, every REPORT_EVERY orders and at the end.
 */
function progressOf(
  logger: { info: (message: string) => void },
  total: number,
  report: SimulatePlanInput["onProgress"] = () => {}
) {
  let done = 0
  const started = Date.now()
  report({ done, total, finished: false })
  return {
    step() {
      done++
      if (done % REPORT_EVERY === 0) report({ done, total, finished: false })
      if (total > PROGRESS_EVERY && done % PROGRESS_EVERY === 0) {
        logger.info(`mlm plan simulation: ${done} of ${total} orders replayed (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      }
    },
    done() {
      report({ done, total, finished: true })
      if (total > PROGRESS_EVERY) logger.info(`mlm plan simulation: ${done} orders replayed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    },
  }
}
