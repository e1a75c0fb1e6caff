import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MathBN,
  MedusaContext,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { CommissionPlan } from "./models/commission-plan"
import { CommissionRun } from "./models/commission-run"
import { CommissionLine } from "./models/commission-line"
import { Payout } from "./models/payout"
import { ProductVolume } from "./models/product-volume"
import {
  CommissionLineDTO,
  CommissionPlanDTO,
  NewLedgerRow,
  PayoutDTO,
  ProductVolumeDTO,
  SettlementRunDTO,
  SettlementRunInput,
} from "./types"
import { SqlManager } from "../../types/sql"
import { PlanActivity, PlanLevel, PlanRank, PlanSettings } from "./utils/plan"
import { DEFAULT_ACTIVITY, UNSET_PRODUCT_VOLUME, VolumeRate } from "./utils/qualification"
import {
  APPROVE_MATURED_SQL,
  APPROVED_LINES_FOR_UPDATE_SQL,
  CURRENT_RUN_SQL,
  DELETE_LINES_SQL,
  DELETE_RUN_SQL,
  INSERT_PAYOUT_SQL,
  INSERT_RUN_SQL,
  insertLinesSql,
  UNDO_REVERSAL_SQL,
  UPDATE_RUN_SQL,
  INSERT_PLAN_SQL,
  LOCK_ORDER_SQL,
  LOCK_PAYOUT_SQL,
  LOCK_PLAN_SQL,
  MARK_PAID_SQL,
  ORDER_LEDGER_FOR_UPDATE_SQL,
  ORDER_LEDGER_SQL,
  REVERSE_PENDING_SQL,
  SETTLED_ORDERS_SQL,
  TOTALS_BY_STATUS_SQL,
  LINE_COLUMNS,
  APPROVED_LINES_SQL,
  HELD_LINES_SQL,
} from "./queries"
import { ApprovedLine, payoutBalances } from "./utils/payout"
import { LedgerFilter, ledgerWhere } from "./ledger-filter"
import { Semaphore } from "../../lib/semaphore"

/**
 * Settlements holding a transaction at once in one process: well below Medusa's default pool of 10
 * connections, so checkouts and the settlements' own reads always find one.
 */
export const SETTLEMENTS_PER_PROCESS = 4
const settlementSlots = new Semaphore(SETTLEMENTS_PER_PROCESS)

/**
 * Plans, the commission ledger, settlement snapshots and payouts: typed data access. The money rules
 * live in utils/ (pure); the settle step decides, this service reads and writes. Amounts are numeric
 * columns handled with MathBN; every write of money goes through `insertLines`, the one writer that
 * also fills the raw_* columns.
 */
export default class CommissionModuleService extends MedusaService<{
  CommissionPlan: { dto: CommissionPlanDTO }
  CommissionRun: { dto: SettlementRunDTO }
  CommissionLine: { dto: CommissionLineDTO }
  Payout: { dto: PayoutDTO }
  ProductVolume: { dto: ProductVolumeDTO }
}>({
  CommissionPlan,
  CommissionRun,
  CommissionLine,
  Payout,
  ProductVolume,
}) {
  @InjectManager()
  async retrieveActivePlan(@MedusaContext() sharedContext: Context = {}): Promise<CommissionPlanDTO | null> {
    const [plan] = await this.listCommissionPlans({}, { order: { version: "DESC" }, take: 1 }, sharedContext)
    return plan ? toPlan(plan) : null
  }

  /** The active plan's activity rule and rank ladder; the defaults (everyone active, no ranks) without a plan. */
  @InjectManager()
  async retrieveActiveRules(@MedusaContext() sharedContext: Context = {}): Promise<{ activity: PlanActivity; ranks: PlanRank[] }> {
    const plan = await this.retrieveActivePlan(sharedContext)
    return { activity: plan?.activity ?? { ...DEFAULT_ACTIVITY }, ranks: plan?.ranks ?? [] }
  }

  @InjectManager()
  async listPlanVersions(@MedusaContext() sharedContext: Context = {}): Promise<CommissionPlanDTO[]> {
    const plans = await this.listCommissionPlans({}, { order: { version: "DESC" }, take: null }, sharedContext)
    return plans.map(toPlan)
  }

  /** Inserts the next version; versions of concurrent edits are serialized by an advisory lock. */
  @InjectTransactionManager()
  async createPlanVersion(
    settings: PlanSettings,
    createdBy: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CommissionPlanDTO> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(LOCK_PLAN_SQL)
    const [row] = await manager.execute(INSERT_PLAN_SQL, [
      generateEntityId(undefined, "mlmplan"),
      settings.name,
      JSON.stringify(settings.levels),
      settings.max_payout_percent,
      raw(settings.max_payout_percent),
      settings.hold_days,
      settings.compression,
      settings.retail_profit,
      JSON.stringify(settings.activity),
      JSON.stringify(settings.ranks),
      createdBy,
    ])
    return toPlan(row)
  }

  /** Frozen volume settings for these products; a product without settings counts 0 PV and earns. */
  @InjectManager()
  async productVolumeRates(productIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Record<string, VolumeRate>> {
    const out: Record<string, VolumeRate> = Object.fromEntries(productIds.map((id) => [id, { ...UNSET_PRODUCT_VOLUME }]))
    if (!productIds.length) return out
    const rows = await this.listProductVolumes({ product_id: productIds }, { take: null }, sharedContext)
    for (const row of rows) {
      out[row.product_id] = { pv_per_unit: MathBN.convert(row.pv_per_unit as any).toString(), commissionable: !!row.commissionable }
    }
    return out
  }

  /** A product's volume settings, written whole (one row per product). */
  @InjectTransactionManager()
  async saveProductVolume(
    input: { product_id: string; pv_per_unit: string; commissionable: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ProductVolumeDTO> {
    const [existing] = await this.listProductVolumes({ product_id: input.product_id }, { take: 1 }, sharedContext)
    const saved = existing
      ? await this.updateProductVolumes({ id: existing.id, pv_per_unit: input.pv_per_unit, commissionable: input.commissionable } as any, sharedContext)
      : await this.createProductVolumes(input as any, sharedContext)
    return saved as unknown as ProductVolumeDTO
  }

  /**
   * Runs `work` in one transaction that holds the order's settlement lock (see LOCK_ORDER_SQL).
   * `work` gets the transaction's context: pass it to this service's methods so they join it.
   * At most SETTLEMENTS_PER_PROCESS run at once in a process: each holds one pooled connection for
   * its transaction while its reads (the order, the attribution) take others, so a burst of
   * settlements as large as the pool would hold every connection and wait forever for one more.
   */
  async withOrderLock<T>(orderId: string, work: (context: Context) => Promise<T>): Promise<T> {
    return settlementSlots.run(() => this.inOrderLock(orderId, work))
  }

  @InjectTransactionManager()
  protected async inOrderLock<T>(
    orderId: string,
    work: (context: Context) => Promise<T>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<T> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(LOCK_ORDER_SQL, [orderId])
    return work(sharedContext)
  }

  @InjectManager()
  async retrieveSettlementRun(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<SettlementRunDTO | null> {
    const [row] = await managerOf(sharedContext).execute(CURRENT_RUN_SQL, [orderId])
    return row ? toRun(row) : null
  }

  /** The order's ledger; inside a transaction its rows are locked (in the order approval and payout use). */
  @InjectManager()
  async listOrderLedger(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<CommissionLineDTO[]> {
    const manager = managerOf(sharedContext)
    const rows = await manager.execute(sharedContext.transactionManager ? ORDER_LEDGER_FOR_UPDATE_SQL : ORDER_LEDGER_SQL, [orderId])
    return rows.map(toLine)
  }

  /** Creates the order's snapshot, or updates its latest settlement; returns the stored row. */
  @InjectTransactionManager()
  async saveSettlementRun(
    run: SettlementRunInput & { id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettlementRunDTO> {
    const manager = sharedContext.transactionManager as SqlManager
    const values = [
      run.attributed_distributor_id,
      run.attribution_source,
      run.plan_id,
      run.plan_version,
      run.currency_code,
      JSON.stringify(run.levels),
      run.compression,
      run.retail_profit,
      run.hold_days,
      JSON.stringify(run.chain),
      run.member_prices ? JSON.stringify(run.member_prices) : null,
      run.volume ? JSON.stringify(run.volume) : null,
      run.rules ? JSON.stringify(run.rules) : null,
      run.original_basis,
      raw(run.original_basis),
      run.basis,
      raw(run.basis),
      run.plan_amount,
      raw(run.plan_amount),
      run.paid_amount,
      raw(run.paid_amount),
      run.breakage,
      raw(run.breakage),
      run.settle_count,
      JSON.stringify(run.explanation ?? {}),
    ]
    if (run.id) {
      const [row] = await manager.execute(UPDATE_RUN_SQL, [...values, run.id])
      return toRun(row)
    }
    const [row] = await manager.execute(INSERT_RUN_SQL, [...values, generateEntityId(undefined, "mlmrun"), run.order_id])
    return toRun(row)
  }

  /** Puts a run back as it was before a settlement (compensation), or removes one it created. */
  @InjectTransactionManager()
  async restoreSettlementRun(
    input: { created_id: string | null; previous: SettlementRunDTO | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    if (input.created_id) await manager.execute(DELETE_RUN_SQL, [input.created_id])
    if (input.previous) await this.saveSettlementRun(input.previous, sharedContext)
  }

  /** The one writer of ledger lines: all rows in one statement, raw_* columns filled alongside. */
  @InjectTransactionManager()
  async insertLines(rows: NewLedgerRow[], @MedusaContext() sharedContext: Context = {}): Promise<CommissionLineDTO[]> {
    if (!rows.length) return []
    const manager = sharedContext.transactionManager as SqlManager
    const values: unknown[] = []
    for (const row of rows) {
      values.push(
        generateEntityId(undefined, "mlmcom"),
        row.order_id,
        row.run_id,
        row.distributor_id,
        row.distributor_handle,
        row.source_distributor_id,
        row.level,
        row.kind,
        row.earning,
        row.adjustment_key,
        row.basis,
        raw(row.basis),
        row.percent,
        raw(row.percent),
        row.amount,
        raw(row.amount),
        row.currency_code,
        row.status,
        row.plan_version,
        JSON.stringify(row.explanation),
        row.hold_until,
        row.status === "approved" ? new Date() : null
      )
    }
    const inserted = await manager.execute(insertLinesSql(rows.length), values)
    return inserted.map(toLine)
  }

  /** pending -> reversed; returns the ids it reversed (a line approved meanwhile is not among them). */
  @InjectTransactionManager()
  async reversePendingLines(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (!ids.length) return []
    const rows = await (sharedContext.transactionManager as SqlManager).execute(REVERSE_PENDING_SQL, [ids])
    return rows.map((r) => r.id)
  }

  /** Undoes a settlement's writes (compensation): its lines removed, its reversals pending again. */
  @InjectTransactionManager()
  async undoLedgerWrites(
    input: { inserted: string[]; reversed: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    if (input.inserted.length) await manager.execute(DELETE_LINES_SQL, [input.inserted])
    if (input.reversed.length) {
      await manager.execute(UNDO_REVERSAL_SQL, [input.reversed])
    }
  }

  /** Which of these orders already have a settlement snapshot. */
  @InjectManager()
  async listSettledOrderIds(orderIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (!orderIds.length) return []
    const rows = await managerOf(sharedContext).execute(SETTLED_ORDERS_SQL, [orderIds])
    return rows.map((r) => r.order_id)
  }

  /** pending -> approved for lines whose hold ended before `before` (optionally only `ids`). */
  @InjectTransactionManager()
  async approveMaturedLines(
    input: { before: Date; ids?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.transactionManager as SqlManager
    if (input.ids && !input.ids.length) return []
    const rows = await manager.execute(
      APPROVE_MATURED_SQL(!!input.ids),
      input.ids ? [input.before, input.ids] : [input.before]
    )
    return rows.map((r) => r.id)
  }

  /**
   * One payout per distributor of every approved line in the currency, marked paid. Payout runs of a
   * currency are serialized (advisory lock) and the lines are locked and re-checked, so two runs at
   * once never pay a line twice. A zero or negative balance (a clawback after a payout) is carried.
   */
  @InjectTransactionManager()
  async payOutApprovedLines(
    input: { currency_code: string; distributor_ids?: string[]; created_by?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ payouts: PayoutDTO[]; carried: { distributor_id: string; balance: string }[] }> {
    const manager = sharedContext.transactionManager as SqlManager
    if (input.distributor_ids && !input.distributor_ids.length) return { payouts: [], carried: [] }
    await manager.execute(LOCK_PAYOUT_SQL, [input.currency_code])
    const lines = await manager.execute<ApprovedLine>(
      APPROVED_LINES_FOR_UPDATE_SQL(!!input.distributor_ids),
      input.distributor_ids ? [input.currency_code, input.distributor_ids] : [input.currency_code]
    )
    const { payable, carried } = payoutBalances(lines)
    const payouts: PayoutDTO[] = []
    for (const { distributor_id, line_ids, total } of payable) {
      const [payout] = await manager.execute<PayoutDTO>(INSERT_PAYOUT_SQL, [generateEntityId(undefined, "mlmpay"), distributor_id, input.currency_code, total, raw(total), line_ids.length, input.created_by ?? null])
      const marked = await manager.execute(MARK_PAID_SQL, [payout.id, line_ids])
      if (marked.length !== line_ids.length) {
        // Cannot happen while the rows are locked; refuse rather than pay an amount the lines do not add up to.
        throw new Error(`Payout ${payout.id}: ${line_ids.length - marked.length} lines were no longer approved`)
      }
      payouts.push({ ...payout, amount: MathBN.convert(payout.amount).toString() })
    }
    return { payouts, carried }
  }

  /** Sums per status and currency for one distributor, computed from the ledger in SQL. */
  @InjectManager()
  async totalsByStatus(
    distributorId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ status: string; currency_code: string; total: string }[]> {
    return managerOf(sharedContext).execute(TOTALS_BY_STATUS_SQL, [distributorId])
  }

  /** One page of the ledger (newest first) and the number of lines the filter matches. */
  @InjectManager()
  async listLedgerPage(
    filter: LedgerFilter,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ lines: CommissionLineDTO[]; count: number }> {
    const manager = managerOf(sharedContext)
    const where = ledgerWhere(filter)
    const [rows, [{ count }]] = await Promise.all([
      manager.execute(
        `SELECT ${LINE_COLUMNS} FROM mlm_commission_line WHERE ${where.sql}
          ORDER BY created_at DESC, level ASC, id ASC LIMIT ? OFFSET ?`,
        [...where.params, page.limit, page.offset]
      ),
      manager.execute<{ count: string }>(`SELECT count(*)::text AS count FROM mlm_commission_line WHERE ${where.sql}`, where.params),
    ])
    return { lines: rows.map(toLine), count: Number(count) }
  }

  /** Sums and line counts of the filtered ledger per currency and status, computed in SQL (exact). */
  @InjectManager()
  async ledgerTotals(
    filter: LedgerFilter,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ currency_code: string; status: string; total: string; count: number }[]> {
    const where = ledgerWhere(filter)
    const rows = await managerOf(sharedContext).execute<{ currency_code: string; status: string; total: string; count: string }>(
      `SELECT currency_code, status, sum(amount)::text AS total, count(*)::text AS count FROM mlm_commission_line
        WHERE ${where.sql} GROUP BY currency_code, status ORDER BY currency_code, status`,
      where.params
    )
    return rows.map((r) => ({ ...r, count: Number(r.count) }))
  }

  /**
   * The filtered ledger in creation order, `batchSize` lines at a time (keyset on created_at, level, id), for
   * exports that must not hold a million lines in memory.
   */
  @InjectManager()
  async eachLedgerBatch(
    filter: LedgerFilter,
    batchSize: number,
    onBatch: (lines: CommissionLineDTO[]) => Promise<void> | void,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const manager = managerOf(sharedContext)
    const where = ledgerWhere(filter)
    let after: { created_at: Date; level: number; id: string } | null = null
    let total = 0
    for (;;) {
      const rows: any[] = await manager.execute(
        `SELECT ${LINE_COLUMNS} FROM mlm_commission_line WHERE ${where.sql}
          ${after ? "AND (created_at, level, id) > (?, ?, ?)" : ""} ORDER BY created_at, level, id LIMIT ?`,
        [...where.params, ...(after ? [after.created_at, after.level, after.id] : []), batchSize]
      )
      if (!rows.length) return total
      total += rows.length
      await onBatch(rows.map(toLine))
      const last = rows[rows.length - 1]
      after = { created_at: last.created_at, level: last.level, id: last.id }
      if (rows.length < batchSize) return total
    }
  }

  /**
   * Pending lines still in their hold at `at` (optionally among `ids`): how many, and when the first
   * and the last of them mature. What "approve matured" could not approve yet.
   */
  @InjectManager()
  async heldLines(
    input: { at: Date; ids?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ count: number; next_hold_until: Date | null; last_hold_until: Date | null }> {
    if (input.ids && !input.ids.length) return { count: 0, next_hold_until: null, last_hold_until: null }
    const [row] = await managerOf(sharedContext).execute<{ count: string; next: Date | null; last: Date | null }>(
      HELD_LINES_SQL(!!input.ids),
      input.ids ? [input.at, input.ids] : [input.at]
    )
    return { count: Number(row.count), next_hold_until: row.next, last_hold_until: row.last }
  }

  /** What a payout run of the currency would pay now, read without locking (a preview, not a promise). */
  @InjectManager()
  async previewPayout(
    currencyCode: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ReturnType<typeof payoutBalances>> {
    const lines = await managerOf(sharedContext).execute<ApprovedLine>(APPROVED_LINES_SQL, [currencyCode])
    return payoutBalances(lines)
  }

  /** Currencies that have approved lines waiting for a payout run. */
  @InjectManager()
  async listPayableCurrencies(@MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const rows = await managerOf(sharedContext).execute<{ currency_code: string }>(
      `SELECT DISTINCT currency_code FROM mlm_commission_line WHERE status = 'approved' AND deleted_at IS NULL ORDER BY currency_code`,
      []
    )
    return rows.map((r) => r.currency_code)
  }

  @InjectManager()
  async listLinesOfOrder(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<CommissionLineDTO[]> {
    const rows = await managerOf(sharedContext).execute(ORDER_LEDGER_SQL, [orderId])
    return rows.map(toLine)
  }
}

function managerOf(context: Context): SqlManager {
  return (context.transactionManager ?? context.manager) as SqlManager
}

function raw(value: string | number) {
  return JSON.stringify({ value: String(value), precision: 20 })
}

function parseLevels(value: unknown): PlanLevel[] {
  return (parseJson(value) ?? []).map((l: any) => ({
    level: Number(l.level),
    percent: Number(l.percent),
    ...(l.min_rank ? { min_rank: String(l.min_rank) } : {}),
  }))
}

function parseJson(value: unknown) {
  return typeof value === "string" ? JSON.parse(value) : value
}

const amount = (value: unknown) => MathBN.convert((value as any) ?? 0).toString()

export function toLine(row: any): CommissionLineDTO {
  return {
    ...row,
    earning: row.earning ?? "commission",
    basis: amount(row.basis),
    percent: amount(row.percent),
    amount: amount(row.amount),
    explanation: parseJson(row.explanation) ?? {},
  }
}

function toRun(row: any): SettlementRunDTO {
  return {
    id: row.id,
    order_id: row.order_id,
    attributed_distributor_id: row.attributed_distributor_id,
    attribution_source: row.attribution_source,
    plan_id: row.plan_id ?? null,
    plan_version: row.plan_version == null ? null : Number(row.plan_version),
    currency_code: row.currency_code,
    levels: parseLevels(row.levels),
    compression: row.compression !== false,
    retail_profit: !!row.retail_profit,
    hold_days: Number(row.hold_days ?? 0),
    chain: parseJson(row.chain) ?? [],
    member_prices: parseJson(row.member_prices) ?? null,
    volume: parseJson(row.volume) ?? null,
    rules: parseJson(row.rules) ?? null,
    original_basis: amount(row.original_basis ?? row.basis),
    basis: amount(row.basis),
    plan_amount: amount(row.plan_amount),
    paid_amount: amount(row.paid_amount),
    breakage: amount(row.breakage),
    settle_count: Number(row.settle_count ?? 0),
    settled_at: row.settled_at ?? null,
    explanation: parseJson(row.explanation) ?? {},
    created_at: row.created_at,
  }
}

function toPlan(row: any): CommissionPlanDTO {
  return {
    id: row.id,
    version: Number(row.version),
    name: row.name,
    levels: parseLevels(row.levels),
    max_payout_percent: Number(MathBN.convert(row.max_payout_percent).toString()),
    hold_days: Number(row.hold_days),
    compression: !!row.compression,
    retail_profit: !!row.retail_profit,
    activity: parseJson(row.activity) ?? { ...DEFAULT_ACTIVITY },
    ranks: parseJson(row.ranks) ?? [],
    created_by: row.created_by ?? null,
    created_at: row.created_at,
  }
}
