import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MathBN,
  MedusaContext,
  MedusaError,
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
import type { Holding, ReplayOrder } from "./utils/simulation"
import { PlanActivity, PlanLevel, PlanRank, PlanSettings } from "./utils/plan"
import { DEFAULT_ACTIVITY, UNSET_PRODUCT_VOLUME, VolumeRate } from "./utils/qualification"
import {
  APPROVE_MATURED_SQL,
  PRODUCT_VOLUME_RATES_SQL,
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
  ACTIVE_PLAN_SQL,
  LOCK_ORDER_SQL,
  LOCK_PAYOUT_SQL,
  LOCK_PLAN_SQL,
  MARK_PAID_SQL,
  PAYOUT_COLUMNS,
  PAYOUT_FOR_UPDATE_SQL,
  RELEASE_PAYOUT_LINES_SQL,
  LINES_FOR_RETRY_SQL,
  SET_ORDER_MATURITY_SQL,
  BALANCE_BEFORE_SQL,
  BALANCE_EVENTS_SQL,
  ORDER_LEDGER_FOR_UPDATE_SQL,
  ORDER_LEDGER_SQL,
  REVERSE_PENDING_SQL,
  SETTLED_ORDERS_SQL,
  TOTALS_BY_STATUS_SQL,
  LINE_COLUMNS,
  APPROVED_LINES_SQL,
  PAYABLE_DISTRIBUTORS_SQL,
  HELD_LINES_SQL,
  PERIOD_CURRENCIES_SQL,
  SIMULATION_ORDERS_SQL,
  PERIOD_EARNINGS_SQL,
  PERIOD_CLAWBACKS_SQL,
  PERIOD_VOLUME_SQL,
} from "./queries"
import { ApprovedLine, PayoutPlan, payoutTransition, planPayouts } from "./utils/payout"
import type { PayoutSkipReason, PayoutStatus } from "../../types/payout"
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
    // read on every first settlement: one plain query (the ORM's list took about 1.9 ms of CPU)
    const [plan] = await managerOf(sharedContext).execute(ACTIVE_PLAN_SQL)
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
      JSON.stringify(settings.min_payout),
      createdBy,
    ])
    return toPlan(row)
  }

  /** Frozen volume settings for these products; a product without settings counts 0 PV and earns. */
  @InjectManager()
  async productVolumeRates(productIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Record<string, VolumeRate>> {
    const out: Record<string, VolumeRate> = Object.fromEntries(productIds.map((id) => [id, { ...UNSET_PRODUCT_VOLUME }]))
    if (!productIds.length) return out
    // one plain read: every first settlement asks it (the ORM's list took about 1.2 ms more CPU)
    const rows = await managerOf(sharedContext).execute(PRODUCT_VOLUME_RATES_SQL, [productIds])
    for (const row of rows) {
      out[row.product_id] = { pv_per_unit: MathBN.convert(row.pv_per_unit).toString(), commissionable: !!row.commissionable }
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
      run.order_updated_at ?? null,
      JSON.stringify(run.explanation ?? {}),
    ]
    if (run.id) {
      const [row] = await manager.execute(UPDATE_RUN_SQL, [...values, run.id])
      return toRun(row)
    }
    const [row] = await manager.execute(INSERT_RUN_SQL, [...values, generateEntityId(undefined, "mlmrun"), run.order_id, run.placed_at ?? new Date()])
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

  /**
   * Which of these orders have a settlement snapshot, each with the order's `updated_at` its latest
   * written settlement computed from (null on snapshots older than that column).
   */
  @InjectManager()
  async listSettledOrderVersions(orderIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Map<string, Date | null>> {
    if (!orderIds.length) return new Map()
    const rows = await managerOf(sharedContext).execute(SETTLED_ORDERS_SQL, [orderIds])
    return new Map(rows.map((r) => [r.order_id as string, r.order_updated_at ? new Date(r.order_updated_at) : null]))
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
   * A payout run's reservation: one `pending` payout per distributor the rules pay, its lines marked
   * paid in the same transaction. Runs of a currency are serialized (advisory lock) and the lines are
   * locked and re-checked, so two runs at once never pay a line twice. Nothing is sent here: the
   * providers are called after this transaction commits (see the create-payouts workflow).
   */
  @InjectTransactionManager()
  async reservePayouts(
    input: {
      currency_code: string
      distributor_ids?: string[]
      created_by?: string | null
      run_id: string
      min_payout: string | null
      routes: Record<string, { provider_id: string; details: Record<string, unknown> } | { reason: PayoutSkipReason; note: string }>
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ payouts: PayoutDTO[]; carried: PayoutPlan["carried"] }> {
    const manager = sharedContext.transactionManager as SqlManager
    if (input.distributor_ids && !input.distributor_ids.length) return { payouts: [], carried: [] }
    await manager.execute(LOCK_PAYOUT_SQL, [input.currency_code])
    const lines = await manager.execute<ApprovedLine>(
      APPROVED_LINES_FOR_UPDATE_SQL(!!input.distributor_ids),
      input.distributor_ids ? [input.currency_code, input.distributor_ids] : [input.currency_code]
    )
    const plan = planPayouts(lines, {
      min_payout: input.min_payout,
      // approved after the routes were read: left for the next run
      route: (id) => input.routes[id] ?? { reason: "not_found", note: "approved while this run was being prepared; paid in the next run" },
    })
    const payouts: PayoutDTO[] = []
    for (const { distributor_id, line_ids, total, provider_id } of plan.payable) {
      const id = generateEntityId(undefined, "mlmpay")
      const route = input.routes[distributor_id] as { details: Record<string, unknown> }
      payouts.push(
        await this.insertPayout(manager, {
          id, distributor_id, currency_code: input.currency_code, total, line_ids, created_by: input.created_by ?? null,
          provider_id, run_id: input.run_id, idempotency_key: id, retry_of: null, details: route.details,
        })
      )
    }
    return { payouts, carried: plan.carried }
  }

  /**
   * A new attempt at a failed payout: a new payout with the same idempotency key and the same lines,
   * if every one of them is still approved (none paid since, none clawed or reversed); 409 otherwise.
   */
  @InjectTransactionManager()
  async reserveRetry(
    input: { payout_id: string; created_by?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PayoutDTO> {
    const manager = sharedContext.transactionManager as SqlManager
    const [failed] = await manager.execute<any>(PAYOUT_FOR_UPDATE_SQL, [input.payout_id])
    if (!failed) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payout ${input.payout_id} was not found`)
    if (failed.status !== "failed") {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Payout ${input.payout_id} is ${failed.status}; only a failed payout is retried as a new attempt`)
    }
    const [retried] = await manager.execute(`SELECT id FROM mlm_payout WHERE retry_of = ? AND deleted_at IS NULL`, [failed.id])
    if (retried) throw new MedusaError(MedusaError.Types.CONFLICT, `Payout ${failed.id} was already retried as ${retried.id}`)
    await manager.execute(LOCK_PAYOUT_SQL, [failed.currency_code])
    const lineIds: string[] = parseJson(failed.line_ids) ?? []
    const lines = lineIds.length ? await manager.execute<any>(LINES_FOR_RETRY_SQL, [lineIds]) : []
    const total = lines.reduce((sum, l) => MathBN.add(sum, l.amount), MathBN.convert(0))
    if (lines.length !== lineIds.length || lines.some((l) => l.status !== "approved") || !MathBN.eq(total, failed.amount)) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Payout ${failed.id}'s lines changed since it failed (paid in another run, or clawed back); the next payout run pays what is approved`
      )
    }
    return this.insertPayout(manager, {
      id: generateEntityId(undefined, "mlmpay"),
      distributor_id: failed.distributor_id,
      currency_code: failed.currency_code,
      total: total.toString(),
      line_ids: lineIds,
      created_by: input.created_by ?? null,
      provider_id: failed.provider_id,
      run_id: failed.run_id,
      idempotency_key: failed.idempotency_key ?? failed.id,
      retry_of: failed.id,
      details: parseJson(failed.details) ?? {},
    })
  }

  private async insertPayout(
    manager: SqlManager,
    p: {
      id: string; distributor_id: string; currency_code: string; total: string; line_ids: string[]; created_by: string | null
      provider_id: string; run_id: string; idempotency_key: string; retry_of: string | null; details: Record<string, unknown>
    }
  ): Promise<PayoutDTO> {
    const [payout] = await manager.execute(INSERT_PAYOUT_SQL, [
      p.id, p.distributor_id, p.currency_code, p.total, raw(p.total), p.line_ids.length, p.created_by, p.provider_id,
      p.run_id, p.idempotency_key, p.retry_of, JSON.stringify(p.line_ids), JSON.stringify(p.details ?? {}),
    ])
    const marked = await manager.execute(MARK_PAID_SQL, [payout.id, p.line_ids])
    if (marked.length !== p.line_ids.length) {
      // Cannot happen while the rows are locked; refuse rather than pay an amount the lines do not add up to.
      throw new Error(`Payout ${payout.id}: ${p.line_ids.length - marked.length} lines were no longer approved`)
    }
    return toPayout(payout)
  }

  /**
   * Records what a provider (or the admin, for manual payouts) says about a payout, under the payout's
   * lock. A failure returns its lines to approved. Returns the payout and the statuses it passed
   * through (for the events); an impossible change (a paid payout back to pending, anything after
   * failed) is a 409.
   */
  @InjectTransactionManager()
  async recordPayoutResult(
    input: { payout_id: string; status: PayoutStatus; reference?: string | null; message?: string | null; provider_id?: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ payout: PayoutDTO; passed: PayoutStatus[]; previous: PayoutStatus | null }> {
    const manager = sharedContext.transactionManager as SqlManager
    const [row] = await manager.execute<any>(PAYOUT_FOR_UPDATE_SQL, [input.payout_id])
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payout ${input.payout_id} was not found`)
    if (input.provider_id && row.provider_id !== input.provider_id) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Payout ${row.id} goes through ${row.provider_id}; its status comes from that provider, not from ${input.provider_id}`
      )
    }
    const previous = row.status as PayoutStatus
    const passed = payoutTransition(previous, input.status)
    if (passed === null) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Payout ${row.id} is ${previous}; it cannot become ${input.status}`)
    }
    const reference = input.reference ?? row.reference ?? null
    const message = input.message === undefined ? row.message : input.message
    const [updated] = await manager.execute<any>(
      `UPDATE mlm_payout SET status = ?, reference = ?, message = ?,
         sent_at = CASE WHEN ? AND sent_at IS NULL THEN now() ELSE sent_at END,
         paid_at = CASE WHEN ? = 'paid' AND paid_at IS NULL THEN now() ELSE paid_at END,
         failed_at = CASE WHEN ? = 'failed' AND failed_at IS NULL THEN now() ELSE failed_at END,
         updated_at = now()
       WHERE id = ? RETURNING ${PAYOUT_COLUMNS}`,
      [input.status, reference, message, passed.includes("sent") || input.status === "paid", input.status, input.status, row.id]
    )
    if (input.status === "failed" && previous !== "failed") await manager.execute(RELEASE_PAYOUT_LINES_SQL, [row.id])
    return { payout: toPayout(updated), passed, previous }
  }

  /** The payout whose provider reference this is (webhooks name transfers, not payouts). */
  @InjectManager()
  async retrievePayoutByReference(providerId: string, reference: string, @MedusaContext() sharedContext: Context = {}): Promise<PayoutDTO | null> {
    const [row] = await managerOf(sharedContext).execute(
      `SELECT ${PAYOUT_COLUMNS} FROM mlm_payout WHERE provider_id = ? AND reference = ? AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      [providerId, reference]
    )
    return row ? toPayout(row) : null
  }

  /** Payouts with their status and provider fields, newest first. */
  @InjectManager()
  async listPayoutRows(
    filter: { ids?: string[]; distributor_id?: string; currency_code?: string; status?: string; provider_id?: string },
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ payouts: PayoutDTO[]; count: number }> {
    const where = ["deleted_at IS NULL"]
    const params: unknown[] = []
    if (filter.ids) (where.push("id IN (?)"), params.push(filter.ids.length ? filter.ids : [""]))
    for (const key of ["distributor_id", "currency_code", "status", "provider_id"] as const) {
      if (filter[key]) (where.push(`${key} = ?`), params.push(filter[key]))
    }
    const manager = managerOf(sharedContext)
    const [rows, [{ count }]] = await Promise.all([
      manager.execute(
        `SELECT ${PAYOUT_COLUMNS} FROM mlm_payout WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id ASC LIMIT ? OFFSET ?`,
        [...params, page.limit, page.offset]
      ),
      manager.execute<{ count: string }>(`SELECT count(*)::text AS count FROM mlm_payout WHERE ${where.join(" AND ")}`, params),
    ])
    return { payouts: rows.map(toPayout), count: Number(count) }
  }

  /** Undo of a reservation whose workflow failed before anything was sent: lines back to approved. */
  @InjectTransactionManager()
  async cancelUnsentPayouts(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!ids.length) return
    const manager = sharedContext.transactionManager as SqlManager
    const unsent = await manager.execute<{ id: string }>(
      `SELECT id FROM mlm_payout WHERE id IN (?) AND status = 'pending' AND sent_at IS NULL AND reference IS NULL AND message IS NULL FOR UPDATE`,
      [ids]
    )
    for (const { id } of unsent) await manager.execute(RELEASE_PAYOUT_LINES_SQL, [id])
    if (unsent.length) await manager.execute(`DELETE FROM mlm_payout WHERE id IN (?)`, [unsent.map((u) => u.id)])
  }

  /** mature_from "fulfilled": an order's pending lines mature at `holdUntil` (null: not fulfilled yet). */
  @InjectTransactionManager()
  async setOrderMaturity(orderId: string, holdUntil: Date | null, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute<{ id: string }>(SET_ORDER_MATURITY_SQL, [holdUntil, orderId, holdUntil])
    return rows.map((r) => r.id)
  }

  /** A distributor's balance per currency before `at`, and every event that moved it in [at, end). */
  @InjectManager()
  async balanceEvents(
    distributorId: string,
    range: { start: Date; end: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ opening: Record<string, string>; events: any[] }> {
    const manager = managerOf(sharedContext)
    const d = distributorId
    const [opening, events] = await Promise.all([
      manager.execute<{ currency_code: string; balance: string }>(BALANCE_BEFORE_SQL, [d, range.start, d, range.start, d, range.start, d, range.start]),
      manager.execute(BALANCE_EVENTS_SQL, [d, range.start, range.end, d, range.start, range.end, d, range.start, range.end, d, range.start, range.end]),
    ])
    return {
      opening: Object.fromEntries(opening.map((o) => [o.currency_code, MathBN.convert(o.balance).toString()])),
      events: events.map((e) => ({ ...e, effect: MathBN.convert(e.effect).toString(), explanation: parseJson(e.explanation) ?? {} })),
    }
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
  ): Promise<{ count: number; awaiting_fulfilment: number; next_hold_until: Date | null; last_hold_until: Date | null }> {
    if (input.ids && !input.ids.length) return { count: 0, awaiting_fulfilment: 0, next_hold_until: null, last_hold_until: null }
    const [row] = await managerOf(sharedContext).execute<{ count: string; next: Date | null; last: Date | null; unfulfilled: string }>(
      HELD_LINES_SQL(!!input.ids),
      input.ids ? [input.at, input.ids] : [input.at]
    )
    return { count: Number(row.count), awaiting_fulfilment: Number(row.unfulfilled), next_hold_until: row.next, last_hold_until: row.last }
  }

  /** Distributors whose approved balance in the currency is positive: those a run could pay. */
  @InjectManager()
  async listPayableDistributors(currencyCode: string, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const rows = await managerOf(sharedContext).execute<{ distributor_id: string }>(PAYABLE_DISTRIBUTORS_SQL, [currencyCode])
    return rows.map((r) => r.distributor_id)
  }

  /** A currency's approved lines, unlocked (the preview). */
  @InjectManager()
  async listApprovedLines(currencyCode: string, @MedusaContext() sharedContext: Context = {}): Promise<ApprovedLine[]> {
    return managerOf(sharedContext).execute<ApprovedLine>(APPROVED_LINES_SQL, [currencyCode])
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

  /** Currencies with orders placed in the period (both ends inclusive), the most revenue first. */
  @InjectManager()
  async listPeriodCurrencies(period: Period, @MedusaContext() sharedContext: Context = {}): Promise<{ currency_code: string; orders: number; revenue: string }[]> {
    return managerOf(sharedContext).execute(PERIOD_CURRENCIES_SQL, [period.from, period.to])
  }

  /**
   * One page of the period's orders in a currency as the simulator replays them (keyset on the
   * snapshot id: the ids after `after`, "" for the first page),
   * each with what its beneficiaries hold in the ledger now.
   */
  @InjectManager()
  async listSimulationOrders(
    input: Period & { currency_code: string; after: string; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SimulationOrderRow[]> {
    const manager = managerOf(sharedContext)
    const runs = await manager.execute<any>(SIMULATION_ORDERS_SQL, [input.from, input.to, input.currency_code, input.after, input.limit])
    return runs.map((r) => ({
      id: r.id,
      order_id: r.order_id,
      currency_code: r.currency_code,
      attribution_source: r.attribution_source,
      plan_version: r.plan_version == null ? null : Number(r.plan_version),
      chain: parseJson(r.chain) ?? [],
      rules: parseJson(r.rules) ?? null,
      basis: r.basis,
      breakage: r.breakage,
      retail_margin: r.retail_profit && r.retail_margin != null ? r.retail_margin : null,
      holdings: holdingsOfLines(parseJson(r.lines) ?? []),
    }))
  }

  /**
   * The income disclosure's money: net earnings per distributor on the orders placed in the period
   * (non-zero only), the clawbacks netted into them, and the volume by who bought.
   */
  @InjectManager()
  async periodEarnings(
    input: Period & { currency_code: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ earnings: { distributor_id: string; amount: string }[]; clawbacks: string; volume: { own: boolean; orders: number; basis: string }[] }> {
    const manager = managerOf(sharedContext)
    const args = [input.from, input.to, input.currency_code, input.currency_code]
    const [earnings, [clawbacks], volume] = await Promise.all([
      manager.execute<{ distributor_id: string; amount: string }>(PERIOD_EARNINGS_SQL, args),
      manager.execute<{ amount: string }>(PERIOD_CLAWBACKS_SQL, args),
      manager.execute<{ own: boolean; orders: number; basis: string }>(PERIOD_VOLUME_SQL, [input.from, input.to, input.currency_code]),
    ])
    return { earnings, clawbacks: clawbacks?.amount ?? "0", volume }
  }

  @InjectManager()
  async listLinesOfOrder(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<CommissionLineDTO[]> {
    const rows = await managerOf(sharedContext).execute(ORDER_LEDGER_SQL, [orderId])
    return rows.map(toLine)
  }
}

export type Period = { from: Date; to: Date }

/** A snapshot as the simulator replays it, with its beneficiaries' live holdings. */
export type SimulationOrderRow = ReplayOrder & {
  id: string
  plan_version: number | null
  breakage: string
  holdings: Holding[]
}

/** An order's live lines as holdings: summed per (distributor, level, earning); most orders have one line each. */
function holdingsOfLines(lines: [string, string, number, string, string][]): Holding[] {
  const holdings: Holding[] = []
  for (const [distributor_id, handle, level, earning, amount] of lines) {
    const same = holdings.find((h) => h.distributor_id === distributor_id && h.level === Number(level) && h.earning === earning)
    if (same) same.amount = MathBN.add(same.amount, amount).toString()
    else holdings.push({ distributor_id, handle, level: Number(level), earning, amount })
  }
  return holdings
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
    placed_at: row.placed_at ?? null,
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
    order_updated_at: row.order_updated_at ?? null,
    explanation: parseJson(row.explanation) ?? {},
    created_at: row.created_at,
  }
}

function toPayout(row: any): PayoutDTO {
  return {
    id: row.id,
    distributor_id: row.distributor_id,
    currency_code: row.currency_code,
    amount: amount(row.amount),
    line_count: Number(row.line_count),
    created_by: row.created_by ?? null,
    status: row.status,
    provider_id: row.provider_id,
    run_id: row.run_id ?? null,
    idempotency_key: row.idempotency_key ?? row.id,
    retry_of: row.retry_of ?? null,
    reference: row.reference ?? null,
    message: row.message ?? null,
    line_ids: parseJson(row.line_ids) ?? [],
    details: parseJson(row.details) ?? {},
    sent_at: row.sent_at ?? null,
    paid_at: row.paid_at ?? null,
    failed_at: row.failed_at ?? null,
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
    min_payout: parseJson(row.min_payout) ?? {},
    created_by: row.created_by ?? null,
    created_at: row.created_at,
  }
}
