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
import { CommissionLineDTO, CommissionPlanDTO, NewCommissionRun, PayoutDTO } from "./types"
import { PlanSettings } from "./utils/plan"
import { clawbackAmount } from "./utils/compute-commission-lines"

const PLAN_LOCK_KEY = 7_163_002

const LINE_COLUMNS = `id, order_id, run_id, distributor_id, distributor_handle, source_distributor_id, level, kind,
  adjustment_key, reverses_line_id, basis, percent, amount, currency_code, status, plan_version, explanation,
  hold_until, approved_at, paid_at, reversed_at, payout_id, created_at`

/**
 * Plans, the commission ledger and payouts. Amounts are numeric columns handled with MathBN
 * (never JS floats); writes that must happen once are guarded by unique indexes, and every
 * read-modify-write of one order's lines runs under a row lock on its run.
 */
export default class CommissionModuleService extends MedusaService({
  CommissionPlan,
  CommissionRun,
  CommissionLine,
  Payout,
}) {
  @InjectManager()
  async retrieveActivePlan(@MedusaContext() sharedContext: Context = {}): Promise<CommissionPlanDTO | null> {
    const [plan] = await this.listCommissionPlans({}, { order: { version: "DESC" }, take: 1 }, sharedContext)
    return plan ? toPlan(plan) : null
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
    const manager = sharedContext.transactionManager as any
    await manager.execute(`SELECT pg_advisory_xact_lock(?)`, [PLAN_LOCK_KEY])
    const [row] = await manager.execute(
      `INSERT INTO mlm_commission_plan (id, version, name, levels, max_payout_percent, raw_max_payout_percent,
         hold_days, compression, retail_profit, created_by, created_at, updated_at)
       SELECT ?, coalesce(max(version), 0) + 1, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, now(), now()
         FROM mlm_commission_plan WHERE deleted_at IS NULL
       RETURNING *`,
      [
        generateEntityId(undefined, "mlmplan"),
        settings.name,
        JSON.stringify(settings.levels),
        settings.max_payout_percent,
        JSON.stringify({ value: String(settings.max_payout_percent), precision: 20 }),
        settings.hold_days,
        settings.compression,
        settings.retail_profit,
        createdBy,
      ]
    )
    return toPlan(row)
  }

  /**
   * Writes one order's run and lines, once. If the order already has a run (a re-delivered event,
   * a second worker), nothing is written and the existing lines are returned with created: false.
   */
  @InjectTransactionManager()
  async recordCommissionRun(
    run: NewCommissionRun,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: boolean; run_id: string; lines: CommissionLineDTO[] }> {
    const manager = sharedContext.transactionManager as any
    const runId = generateEntityId(undefined, "mlmrun")
    const inserted = await manager.execute(
      `INSERT INTO mlm_commission_run (id, order_id, attributed_distributor_id, attribution_source, plan_id, plan_version,
         currency_code, basis, raw_basis, plan_amount, raw_plan_amount, paid_amount, raw_paid_amount, breakage, raw_breakage,
         explanation, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, now(), now())
       ON CONFLICT (order_id) WHERE deleted_at IS NULL AND superseded_at IS NULL DO NOTHING
       RETURNING id`,
      [
        runId,
        run.order_id,
        run.attributed_distributor_id,
        run.attribution_source,
        run.plan_id,
        run.plan_version,
        run.currency_code,
        run.basis,
        raw(run.basis),
        run.plan_amount,
        raw(run.plan_amount),
        run.paid_amount,
        raw(run.paid_amount),
        run.breakage,
        raw(run.breakage),
        JSON.stringify(run.explanation),
      ]
    )
    if (!inserted.length) {
      return { created: false, run_id: "", lines: await this.linesOfOrder_(manager, run.order_id) }
    }
    // The first run's lines have key ""; a run replacing a superseded one gets its own key.
    const [{ superseded }] = await manager.execute(
      `SELECT count(*)::int AS superseded FROM mlm_commission_run
        WHERE order_id = ? AND superseded_at IS NOT NULL AND deleted_at IS NULL`,
      [run.order_id]
    )
    const lineKey = superseded > 0 ? `rerun:${superseded}` : ""
    // All lines in one statement: a run writes its 1..50 levels in one round trip.
    if (run.lines.length) {
      const values: unknown[] = []
      const rows = run.lines.map((line) => {
        values.push(
          generateEntityId(undefined, "mlmcom"),
          run.order_id,
          runId,
          line.distributor_id,
          line.distributor_handle,
          run.attributed_distributor_id,
          line.level,
          line.kind,
          lineKey,
          line.basis,
          raw(line.basis),
          line.percent,
          raw(line.percent),
          line.amount,
          raw(line.amount),
          run.currency_code,
          run.plan_version,
          JSON.stringify(line.explanation),
          run.hold_days
        )
        return `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?, 'pending', ?, ?::jsonb,
           now() + make_interval(days => ?), now(), now())`
      })
      await manager.execute(
        `INSERT INTO mlm_commission_line (id, order_id, run_id, distributor_id, distributor_handle, source_distributor_id,
           level, kind, adjustment_key, basis, raw_basis, percent, raw_percent, amount, raw_amount, currency_code, status,
           plan_version, explanation, hold_until, created_at, updated_at)
         VALUES ${rows.join(", ")}`,
        values
      )
    }
    return { created: true, run_id: runId, lines: await this.linesOfOrder_(manager, run.order_id) }
  }

  /**
   * Brings an order's ledger to `remaining` (0..1) of what it earned, after a cancel, return or refund.
   * A cancel reverses pending lines outright; everything else gets negative clawback lines, per level,
   * proportional and never more than what is left. `key` names the event: processing the same event
   * twice writes nothing the second time (unique index), and the computation is from the ledger's
   * current state, so a return and its refund never claw the same money twice.
   */
  @InjectTransactionManager()
  async adjustOrderCommissions(
    input: { order_id: string; key: string; remaining: string; cancel: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ reversed: string[]; clawbacks: CommissionLineDTO[] }> {
    const manager = sharedContext.transactionManager as any
    const [run] = await manager.execute(
      `SELECT id FROM mlm_commission_run WHERE order_id = ? AND deleted_at IS NULL AND superseded_at IS NULL FOR UPDATE`,
      [input.order_id]
    )
    if (!run) return { reversed: [], clawbacks: [] }
    const lines = await this.linesOfOrder_(manager, input.order_id)
    const originals = lines.filter((l) => l.kind !== "clawback" && l.run_id === run.id)
    const reversed: string[] = []
    const clawbackIds: string[] = []

    for (const original of originals) {
      const related = lines.filter((l) => l.reverses_line_id === original.id)
      if (input.cancel && original.status === "pending") {
        const ids = [original.id, ...related.filter((l) => l.status === "pending").map((l) => l.id)]
        await manager.execute(
          `UPDATE mlm_commission_line SET status = 'reversed', reversed_at = now(), updated_at = now()
            WHERE id IN (?) AND status = 'pending'`,
          [ids]
        )
        reversed.push(...ids)
        continue
      }
      if (original.status === "reversed") continue
      const clawedSoFar = related
        .filter((l) => l.status !== "reversed")
        .reduce((sum, l) => MathBN.add(sum, l.amount), MathBN.convert(0))
      const amount = clawbackAmount({
        amount: original.amount,
        clawedSoFar: clawedSoFar.toString(),
        remaining: input.remaining,
        currency_code: original.currency_code,
      })
      if (MathBN.eq(amount, 0)) continue
      // A clawback of a line still on hold matures with it; of an approved or paid line, it is due now.
      const status = original.status === "pending" ? "pending" : "approved"
      const id = generateEntityId(undefined, "mlmcom")
      const insertedRows = await manager.execute(
        `INSERT INTO mlm_commission_line (id, order_id, run_id, distributor_id, distributor_handle, source_distributor_id,
           level, kind, adjustment_key, reverses_line_id, basis, raw_basis, percent, raw_percent, amount, raw_amount,
           currency_code, status, plan_version, explanation, hold_until, approved_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'clawback', ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, now(), now())
         ON CONFLICT (order_id, level, kind, adjustment_key) WHERE deleted_at IS NULL DO NOTHING
         RETURNING id`,
        [
          id,
          original.order_id,
          original.run_id,
          original.distributor_id,
          original.distributor_handle,
          original.source_distributor_id,
          original.level,
          `${input.key}:${original.kind}`,
          original.id,
          original.basis,
          raw(original.basis),
          original.percent,
          raw(original.percent),
          amount,
          raw(amount),
          original.currency_code,
          status,
          original.plan_version,
          JSON.stringify({
            ...original.explanation,
            clawback: { event: input.key, kept_share: input.remaining, of_line: original.id },
          }),
          original.hold_until,
          status === "approved" ? new Date() : null,
        ]
      )
      if (insertedRows.length) clawbackIds.push(id)
    }
    const all = await this.linesOfOrder_(manager, input.order_id)
    return { reversed, clawbacks: all.filter((l) => clawbackIds.includes(l.id)) }
  }

  /**
   * Retires an order's current run after an attribution correction: its pending lines are reversed,
   * approved ones clawed back (key "correction:<n>"), and the run is marked superseded so that a new
   * run can be computed for the new attribution. Refused by the caller once any line is paid.
   */
  @InjectTransactionManager()
  async supersedeCurrentRun(
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ run_id: string | null; reversed: string[]; clawbacks: CommissionLineDTO[] }> {
    const manager = sharedContext.transactionManager as any
    const [{ n }] = await manager.execute(
      `SELECT count(*)::int AS n FROM mlm_commission_run WHERE order_id = ? AND superseded_at IS NOT NULL AND deleted_at IS NULL`,
      [orderId]
    )
    const adjusted = await this.adjustOrderCommissions(
      { order_id: orderId, key: `correction:${n + 1}`, remaining: "0", cancel: true },
      sharedContext
    )
    const rows = await manager.execute(
      `UPDATE mlm_commission_run SET superseded_at = now(), updated_at = now()
        WHERE order_id = ? AND deleted_at IS NULL AND superseded_at IS NULL RETURNING id`,
      [orderId]
    )
    return { run_id: rows[0]?.id ?? null, ...adjusted }
  }

  /** Undoes supersedeCurrentRun (compensation): the run is current again, its lines as they were. */
  @InjectTransactionManager()
  async restoreSupersededRun(
    input: { run_id: string; reversed: string[]; clawbacks: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as any
    if (input.clawbacks.length) await manager.execute(`DELETE FROM mlm_commission_line WHERE id IN (?)`, [input.clawbacks])
    if (input.reversed.length) {
      await manager.execute(
        `UPDATE mlm_commission_line SET status = 'pending', reversed_at = NULL, updated_at = now() WHERE id IN (?)`,
        [input.reversed]
      )
    }
    await manager.execute(`UPDATE mlm_commission_run SET superseded_at = NULL, updated_at = now() WHERE id = ?`, [input.run_id])
  }

  /** pending -> approved for lines whose hold ended before `before` (optionally only `ids`). */
  @InjectTransactionManager()
  async approveMaturedLines(
    input: { before: Date; ids?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.transactionManager as any
    const params: unknown[] = [input.before]
    let filter = ""
    if (input.ids) {
      if (!input.ids.length) return []
      filter = "AND id IN (?)"
      params.push(input.ids)
    }
    const rows = await manager.execute(
      `UPDATE mlm_commission_line SET status = 'approved', approved_at = now(), updated_at = now()
        WHERE status = 'pending' AND hold_until <= ? AND deleted_at IS NULL ${filter}
        RETURNING id`,
      params
    )
    return rows.map((r: any) => r.id)
  }

  /**
   * One payout per distributor of every approved line in the currency, marked paid. A distributor
   * whose approved balance is zero or negative (a clawback after a payout) gets no payout; the lines
   * stay approved and are netted against the next one.
   */
  @InjectTransactionManager()
  async payOutApprovedLines(
    input: { currency_code: string; distributor_ids?: string[]; created_by?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ payouts: PayoutDTO[]; carried: { distributor_id: string; balance: string }[] }> {
    const manager = sharedContext.transactionManager as any
    const params: unknown[] = [input.currency_code]
    let filter = ""
    if (input.distributor_ids) {
      if (!input.distributor_ids.length) return { payouts: [], carried: [] }
      filter = "AND distributor_id IN (?)"
      params.push(input.distributor_ids)
    }
    const lines = await manager.execute(
      `SELECT id, distributor_id, amount FROM mlm_commission_line
        WHERE status = 'approved' AND currency_code = ? AND deleted_at IS NULL ${filter}
        ORDER BY distributor_id, id
        FOR UPDATE`,
      params
    )
    const byDistributor = new Map<string, { ids: string[]; total: ReturnType<typeof MathBN.convert> }>()
    for (const line of lines) {
      const entry = byDistributor.get(line.distributor_id) ?? { ids: [], total: MathBN.convert(0) }
      entry.ids.push(line.id)
      entry.total = MathBN.add(entry.total, line.amount)
      byDistributor.set(line.distributor_id, entry)
    }
    const payouts: PayoutDTO[] = []
    const carried: { distributor_id: string; balance: string }[] = []
    for (const [distributorId, { ids, total }] of byDistributor) {
      if (MathBN.lte(total, 0)) {
        carried.push({ distributor_id: distributorId, balance: total.toString() })
        continue
      }
      const [payout] = await manager.execute(
        `INSERT INTO mlm_payout (id, distributor_id, currency_code, amount, raw_amount, line_count, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, now(), now())
         RETURNING id, distributor_id, currency_code, amount, line_count, created_by, created_at`,
        [
          generateEntityId(undefined, "mlmpay"),
          distributorId,
          input.currency_code,
          total.toString(),
          raw(total.toString()),
          ids.length,
          input.created_by ?? null,
        ]
      )
      await manager.execute(
        `UPDATE mlm_commission_line SET status = 'paid', paid_at = now(), payout_id = ?, updated_at = now()
          WHERE id IN (?)`,
        [payout.id, ids]
      )
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
    const manager = sharedContext.manager as any
    const rows = await manager.execute(
      `SELECT status, currency_code, sum(amount)::text AS total FROM mlm_commission_line
        WHERE distributor_id = ? AND deleted_at IS NULL AND status <> 'reversed'
        GROUP BY status, currency_code ORDER BY status, currency_code`,
      [distributorId]
    )
    return rows
  }

  @InjectManager()
  async listLinesOfOrder(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<CommissionLineDTO[]> {
    return this.linesOfOrder_(sharedContext.manager as any, orderId)
  }

  private async linesOfOrder_(manager: any, orderId: string): Promise<CommissionLineDTO[]> {
    const rows = await manager.execute(
      `SELECT ${LINE_COLUMNS} FROM mlm_commission_line WHERE order_id = ? AND deleted_at IS NULL
        ORDER BY created_at, level, kind`,
      [orderId]
    )
    return rows.map(toLine)
  }
}

function raw(value: string | number) {
  return JSON.stringify({ value: String(value), precision: 20 })
}

function parseJson(value: unknown) {
  return typeof value === "string" ? JSON.parse(value) : value
}

export function toLine(row: any): CommissionLineDTO {
  return {
    ...row,
    basis: MathBN.convert(row.basis).toString(),
    percent: MathBN.convert(row.percent).toString(),
    amount: MathBN.convert(row.amount).toString(),
    explanation: parseJson(row.explanation) ?? {},
  }
}

function toPlan(row: any): CommissionPlanDTO {
  return {
    id: row.id,
    version: Number(row.version),
    name: row.name,
    levels: (parseJson(row.levels) ?? []).map((l: any) => ({ level: Number(l.level), percent: Number(l.percent) })),
    max_payout_percent: Number(MathBN.convert(row.max_payout_percent).toString()),
    hold_days: Number(row.hold_days),
    compression: !!row.compression,
    retail_profit: !!row.retail_profit,
    created_by: row.created_by ?? null,
    created_at: row.created_at,
  }
}
