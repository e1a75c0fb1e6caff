import { MedusaContainer } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { OrderAttributionDTO } from "../../../modules/network/types"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { CommissionLineDTO, CommissionPlanDTO, NewLedgerRow, SettlementRunDTO, SettlementRunInput } from "../../../modules/commission/types"
import type { Beneficiary } from "../../../modules/commission/utils/compute-commission-lines"
import {
  commissionableBasis,
  commissionableMoney,
  retailMargin,
  settlementDiff,
  targetEntries,
  targetLedger,
} from "../../../modules/commission/utils/settlement"
import { loadMemberPrices, loadOrderNow, OrderNowFacts, OrderNowRow } from "../load-order-now"
import { beneficiaryChain } from "../beneficiary-chain"
import {
  dayNumber,
  DEFAULT_ACTIVITY,
  monthOfDay,
  orderVolume,
  qualifyChain,
  RankChange,
  rankChanges,
} from "../../../modules/commission/utils/qualification"
import type { Qualification } from "../../../types/plan"

const DAY_MS = 86_400_000

/** What asked for the settlement: shown in every line it writes. */
export type SettlementTrigger =
  | "order.placed"
  | "order.canceled"
  | "order.return_received"
  | "payment.refunded"
  | "order-edit.confirmed"
  | "order.exchange_created"
  | "order.claim_created"
  | "order.fulfillment_created"
  | "order.fulfillment_canceled"
  | "attribution.corrected"
  | "reconciliation"
  | "manual"

export type SettleOrderLedgerInput = {
  order_id: string
  trigger: SettlementTrigger
  /** order items a host app's `commissionableItems` hook excluded from the basis and from volume */
  exclude_item_ids?: string[]
  /** beneficiaries a host app's `beneficiaryEligibility` hook held back: distributor id -> reason */
  holds?: Record<string, string>
}

export type SettlementResult = {
  order_id: string
  /** the settlement's number on this order, or null when nothing was written */
  settlement: number | null
  inserted: CommissionLineDTO[]
  reversed: string[]
  /** ranks this settlement's volume change moved (mlm.rank.achieved) */
  rank_changes: RankChange[]
}

/** What a settlement's compensation takes back (undoSettlement). */
export type SettlementUndo = {
  inserted: string[]
  reversed: string[]
  created_run_id: string | null
  previous_run: SettlementRunDTO | null
  volume: VolumeWrite[]
  ranks: { id: string; rank: string | null; highest_rank: string | null }[]
}

export const settleOrderLedgerStepId = "settle-order-ledger"

/**
 * Brings one order's ledger to the order as it is now (DESIGN.md, "Settlement"). Everything happens
 * in one transaction under the order's lock: reading the order, its attribution and its snapshot,
 * computing the target (pure), and writing the difference. A second settlement of an unchanged order
 * writes nothing. Compensation removes what this settlement wrote and restores the snapshot.
 */
export const settleOrderLedgerStep = createStep(
  settleOrderLedgerStepId,
  async (input: SettleOrderLedgerInput, { container }) => {
    const { result, undo } = await settleOrder(container, input)
    return new StepResponse(result, undo)
  },
  async (undo, { container }) => undoSettlement(container, undo)
)

/**
 * One order's settlement in its own transaction under the order's lock. `read` is the order's row
 * when the caller read it before taking the lock (settlePlacedOrders reads a batch's orders in one
 * query, after their attributions were written). It is used only for a first settlement: then no
 * settlement ran since the attribution was written, so a change to the order after the read has its
 * own event still to come, which settles the order again after this one (as when the order changes
 * just after a read under the lock). An order settled before is read again under the lock.
 */
export async function settleOrder(
  container: MedusaContainer,
  input: SettleOrderLedgerInput,
  read?: OrderNowRow
): Promise<{ result: SettlementResult; undo: SettlementUndo | null }> {
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  return commission.withOrderLock(input.order_id, (context) => settleUnderLock(container, commission, input, context, read))
}

/** Takes back what one settlement wrote and restores its snapshot (the step's compensation). */
export async function undoSettlement(container: MedusaContainer, undo: SettlementUndo | null | undefined): Promise<void> {
  if (!undo || (!undo.inserted.length && !undo.reversed.length && !undo.created_run_id && !undo.previous_run && !undo.volume.length)) return
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  await commission.undoLedgerWrites({ inserted: undo.inserted, reversed: undo.reversed })
  await commission.restoreSettlementRun({ created_id: undo.created_run_id, previous: undo.previous_run })
  await undoVolume(container, undo)
}

async function settleUnderLock(
  container: MedusaContainer,
  commission: CommissionModuleService,
  input: SettleOrderLedgerInput,
  context: any,
  read?: OrderNowRow
): Promise<{ result: SettlementResult; undo: SettlementUndo | null }> {
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const nothing = { result: { order_id: input.order_id, settlement: null, inserted: [], reversed: [], rank_changes: [] }, undo: null }

  // An order credited to no one, and never settled, earns nothing: known before the order is read.
  const attribution = await network.readOrderAttribution(input.order_id)
  const previous = await commission.retrieveSettlementRun(input.order_id, context)
  if (!attribution && !previous) return nothing
  const matureFromFulfilment = network.getPluginOptions().mature_from === "fulfilled"
  const order = await loadOrderNow(container, input.order_id, { fulfilments: matureFromFulfilment, read: previous ? undefined : read })
  if (!order) return nothing

  // The active plan, read at most once per settlement (the first snapshot and the volume rules share it).
  let planRead: ReturnType<CommissionModuleService["retrieveActivePlan"]> | null = null
  const activePlan = () => (planRead ??= commission.retrieveActivePlan())
  const run: SettlementRunInput & { id: string | null } = previous
    ? { ...previous }
    : await firstSnapshot(container, commission, order, attribution!, await activePlan())
  let beneficiariesChanged = false
  if (previous && attribution && (attribution.distributor_id !== previous.attributed_distributor_id || attribution.source !== previous.attribution_source)) {
    // An admin's correction: new beneficiaries at the frozen rates.
    run.chain = await beneficiaryChain(network, attribution)
    run.attributed_distributor_id = attribution.distributor_id
    run.attribution_source = attribution.source
    run.explanation = {
      ...run.explanation,
      corrections: [
        ...(run.explanation?.corrections ?? []),
        { at: new Date().toISOString(), from: previous.attributed_distributor_id, to: attribution.distributor_id, source: attribution.source },
      ],
    }
    beneficiariesChanged = true
  }

  // Retail profit: member prices frozen per variant the first time the variant is seen on the order.
  let margin: string | null = null
  if (run.retail_profit && run.member_prices) {
    const unseen = order.items.map((i) => i.variant_id).filter((id): id is string => !!id && !(id in run.member_prices!))
    if (unseen.length) {
      const fresh = (await loadMemberPrices(container, order, [...new Set(unseen)])) ?? {}
      run.member_prices = { ...run.member_prices, ...fresh }
    }
    margin = retailMargin(
      order.items.map((i) => ({ paid: i.paid, quantity: i.quantity, member_unit_price: (i.variant_id && run.member_prices![i.variant_id]) || null })),
      order.currency_code
    )
  }

  // What earns: products frozen as commissionable when first seen, minus what a host app's hook excluded.
  if (run.volume) {
    const unseen = [...new Set(order.items.map((i) => i.product_id).filter((id): id is string => !!id && !(id in run.volume!.rates)))]
    if (unseen.length) run.volume = { ...run.volume, rates: { ...run.volume.rates, ...(await commission.productVolumeRates(unseen)) } }
  }
  const rates = run.volume?.rates ?? {}
  const excluded = new Set([
    ...(input.exclude_item_ids ?? []),
    ...order.items.filter((i) => i.product_id && rates[i.product_id]?.commissionable === false).map((i) => i.id),
  ])
  const money = commissionableMoney(order.money, order.items, excluded)
  const basis = commissionableBasis(money)

  // Volume: the order's PV now, moved onto the distributor it counts for (the credited one; for a
  // distributor's own order, themself), then what everyone in the chain had at the order's moment.
  const volumeWrites: VolumeWrite[] = []
  const rankSaves: { id: string; rank: string | null; highest_rank: string | null }[] = []
  let rankEvents: RankChange[] = []
  if (run.volume) {
    const pv = orderVolume({
      canceled: money.canceled,
      items: order.items.map((i) => ({ product_id: i.product_id, quantity: i.quantity, commissionable: !excluded.has(i.id) })),
      rates,
      basis,
      full_basis: money.canceled ? "0" : money.item_basis,
    })
    const owner = run.attributed_distributor_id
    if (run.volume.distributor_id !== owner) {
      volumeWrites.push({ distributor_id: run.volume.distributor_id, day: run.volume.day, delta: MathBN.mult(run.volume.pv, -1).toString() })
      volumeWrites.push({ distributor_id: owner, day: run.volume.day, delta: pv })
    } else if (!MathBN.eq(pv, run.volume.pv)) {
      volumeWrites.push({ distributor_id: owner, day: run.volume.day, delta: MathBN.sub(pv, run.volume.pv).toString() })
    }
    run.volume = { ...run.volume, distributor_id: owner, pv }
    if (volumeWrites.length || !previous || beneficiariesChanged) {
      const active = await activePlan()
      const plan = { activity: active?.activity ?? { ...DEFAULT_ACTIVITY }, ranks: active?.ranks ?? [] }
      const today = Math.max(dayNumber(new Date()), run.volume.day)
      const touched = new Set<string>()
      for (const write of volumeWrites) {
        const ancestry = await network.applyOrderVolume({ ...write, month: monthOfDay(write.day), activity: plan.activity, today }, context)
        ancestry?.forEach((id) => touched.add(id))
      }
      const freeze = !previous || beneficiariesChanged
      if (freeze) run.chain.forEach((b) => touched.add(b.id))
      const ids = [...touched]
      const facts = await network.readVolumeFacts(ids, run.volume.day, plan.activity.window_days, context)
      if (freeze) {
        run.chain = qualifyChain(run.chain, facts, plan, input.holds ?? {})
        run.rules = { min_pv: plan.activity.min_pv, window_days: plan.activity.window_days, ranks: plan.ranks.map((r) => r.name) }
      }
      if (plan.ranks.length) {
        const stored = await network.listActivityRows(ids, context)
        const { saves, changes } = rankChanges(stored, facts, plan.ranks)
        if (saves.length) {
          // what the compensation puts back: the ranks as they were stored before this settlement
          const saved = new Set(saves.map((r) => r.id))
          rankSaves.push(...stored.filter((r) => saved.has(r.id)).map((r) => ({ id: r.id, rank: r.rank ?? null, highest_rank: r.highest_rank ?? null })))
          await network.saveRanks(saves, context)
        }
        rankEvents = changes
      }
    }
  }

  const target = targetLedger(
    {
      currency_code: run.currency_code,
      levels: run.levels,
      compression: run.compression,
      retail_profit: run.retail_profit,
      chain: run.chain,
      rules: run.rules,
    },
    { canceled: order.money.canceled, basis, retail_margin: margin }
  )
  const live = await commission.listOrderLedger(input.order_id, context)
  const diff = settlementDiff(targetEntries(target), live)
  const wrote = diff.reverse.length + diff.insert.length > 0
  const number = wrote ? run.settle_count + 1 : run.settle_count

  // Maturity (plugin option mature_from): from the order's fulfilment, or from the moment a line is
  // written. Under "fulfilled" every pending line of the order matures hold_days after the order was
  // fully fulfilled, and not before (null); a function of the order, so any settlement re-derives it.
  const maturesAt = matureFromFulfilment
    ? order.fulfilled_at
      ? new Date(order.fulfilled_at.getTime() + run.hold_days * DAY_MS)
      : null
    : undefined
  // A first settlement has no lines yet: the lines it writes take maturesAt (nothing to update at checkout).
  if (maturesAt !== undefined && previous) await commission.setOrderMaturity(input.order_id, maturesAt, context)

  const reversed = await commission.reversePendingLines(diff.reverse, context)
  if (reversed.length !== diff.reverse.length) {
    // The ledger rows are locked for this transaction, so this means the lock order was broken.
    throw new Error(`Settlement of ${input.order_id}: ${diff.reverse.length - reversed.length} lines were no longer pending`)
  }
  const paid = target.lines.reduce((s, l) => MathBN.add(s, l.amount), MathBN.convert(0))
  const qualification = qualificationOf(run.chain)
  const next: SettlementRunInput & { id: string | null } = {
    ...run,
    basis: target.basis,
    plan_amount: target.plan_amount,
    paid_amount: paid.toString(),
    breakage: target.breakage,
    settle_count: number,
    order_updated_at: order.updated_at,
    explanation: {
      ...run.explanation,
      upline: target.upline,
      skipped: target.skipped,
      unpaid_levels: target.unpaid_levels,
      attribution_source: run.attribution_source,
      retail_profit: target.retail_profit,
      canceled: order.money.canceled,
      order_display_id: order.display_id,
      ...(run.volume ? { pv: run.volume.pv, excluded_item_ids: [...excluded] } : {}),
      ...(qualification ? { qualification } : {}),
    },
  }
  const runChanged =
    !previous ||
    beneficiariesChanged ||
    wrote ||
    volumeWrites.length > 0 ||
    !MathBN.eq(previous.basis, next.basis) ||
    JSON.stringify(previous.member_prices) !== JSON.stringify(next.member_prices) ||
    JSON.stringify(previous.volume) !== JSON.stringify(next.volume) ||
    // the order changed without changing what it earns: remembered, so reconciliation passes over it
    previous.order_updated_at?.getTime() !== next.order_updated_at?.getTime()
  const saved = runChanged ? await commission.saveSettlementRun(next, context) : previous!

  const now = Date.now()
  const rows: NewLedgerRow[] = diff.insert.map((line) => ({
    order_id: input.order_id,
    run_id: saved.id,
    distributor_id: line.distributor_id,
    distributor_handle: line.distributor_handle,
    source_distributor_id: run.attributed_distributor_id,
    level: line.level,
    kind: line.kind,
    earning: line.earning,
    adjustment_key: `s${number}:${line.distributor_id}:${line.earning}`,
    basis,
    percent: line.percent,
    amount: line.amount,
    currency_code: run.currency_code,
    status: line.status,
    plan_version: run.plan_version,
    hold_until:
      line.status === "pending" && maturesAt !== undefined
        ? maturesAt
        : line.hold_until
          ? new Date(line.hold_until)
          : new Date(now + run.hold_days * DAY_MS),
    explanation: {
      upline: target.upline,
      skipped: target.skipped,
      attribution_source: run.attribution_source,
      plan_version: run.plan_version,
      // rounding belongs to a holding's own line; a clawback or adjustment takes an exact difference
      rounding: line.kind === "commission" || line.kind === "retail_profit" ? line.rounding : "0",
      ...(line.earning === "retail_profit" ? { retail_profit: "retail price paid minus member price of the items" } : {}),
      ...(qualification ? { qualification } : {}),
      settlement: {
        number,
        trigger: input.trigger,
        basis,
        original_basis: run.original_basis,
        canceled: order.money.canceled,
        held_before: line.live_before,
        target: line.target,
        ...(run.volume ? { pv: run.volume.pv } : {}),
      },
    },
  }))
  const inserted = await commission.insertLines(rows, context)

  return {
    result: { order_id: input.order_id, settlement: wrote ? number : null, inserted, reversed, rank_changes: rankEvents },
    undo: {
      inserted: inserted.map((l) => l.id),
      reversed,
      created_run_id: previous ? null : saved.id,
      previous_run: runChanged ? previous : null,
      volume: volumeWrites,
      ranks: rankSaves,
    },
  }
}

/** The snapshot an order's first settlement freezes: the active plan's rates and today's beneficiaries. */
async function firstSnapshot(
  container: MedusaContainer,
  commission: CommissionModuleService,
  order: OrderNowFacts,
  attribution: OrderAttributionDTO,
  plan: CommissionPlanDTO | null
): Promise<SettlementRunInput & { id: null }> {
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const chain = await beneficiaryChain(network, attribution)
  const retailProfit = !!plan?.retail_profit && attribution.source !== "self"
  const variantIds = [...new Set(order.items.map((i) => i.variant_id).filter((id): id is string => !!id))]
  const memberPrices = retailProfit ? await loadMemberPrices(container, order, variantIds) : null
  const productIds = [...new Set(order.items.map((i) => i.product_id).filter((id): id is string => !!id))]
  return {
    id: null,
    order_id: order.id,
    attributed_distributor_id: attribution.distributor_id,
    attribution_source: attribution.source,
    plan_id: plan?.id ?? null,
    plan_version: plan?.version ?? null,
    currency_code: order.currency_code,
    placed_at: order.created_at,
    order_updated_at: order.updated_at,
    levels: plan?.levels ?? [],
    compression: plan?.compression ?? true,
    retail_profit: retailProfit && memberPrices !== null,
    hold_days: plan?.hold_days ?? 0,
    chain,
    member_prices: memberPrices,
    // PV 0 applied so far; the settlement adds the order's PV to its distributor's volume
    volume: { distributor_id: attribution.distributor_id, day: dayNumber(order.created_at), pv: "0", rates: await commission.productVolumeRates(productIds) },
    rules: null,
    original_basis: commissionableBasis({ ...order.money, canceled: false }),
    basis: "0",
    plan_amount: "0",
    paid_amount: "0",
    breakage: "0",
    settle_count: 0,
    explanation: plan ? {} : { note: "No compensation plan is configured: this order earns nothing." },
  }
}


/** An order's PV change for one distributor on the order's day (what the compensation takes back). */
type VolumeWrite = { distributor_id: string; day: number; delta: string }

/** The frozen qualification of the chain as a line's explanation shows it (PV and GV as numbers). */
function qualificationOf(chain: Beneficiary[]): Qualification[] | null {
  if (!chain.some((b) => b.qualification)) return null
  return chain.map((b) => ({
    handle: b.handle,
    pv: Number(b.qualification?.pv ?? 0),
    gv: Number(b.qualification?.gv ?? 0),
    active_legs: b.qualification?.active_legs ?? 0,
    active: b.qualification?.active ?? b.status === "active",
    rank: b.qualification?.rank ?? null,
  }))
}

/** Compensation of the volume part: the PV changes taken back, the ranks put back. */
async function undoVolume(container: MedusaContainer, undo: SettlementUndo): Promise<void> {
  if (!undo.volume.length && !undo.ranks.length) return
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const plan = await commission.retrieveActiveRules()
  for (const write of [...undo.volume].reverse()) {
    await network.applyOrderVolume({
      distributor_id: write.distributor_id,
      day: write.day,
      month: monthOfDay(write.day),
      delta: MathBN.mult(write.delta, -1).toString(),
      activity: plan.activity,
      today: Math.max(dayNumber(new Date()), write.day),
    })
  }
  await network.saveRanks(undo.ranks)
}
