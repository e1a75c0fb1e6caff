/**
 * The commission module's SQL, in one place (shared with `npm run bench`). Raw SQL is used where the
 * ORM cannot say it: locks, ledger sums and single-statement inserts. Placeholders are knex-style `?`.
 */

/** Advisory lock namespaces (first key of the two-key form); the second key is a hash of the id. */
export const LOCK_NAMESPACE = { plan: 7_163_002, order: 7_163_003, payout: 7_163_004 } as const

/**
 * One order's settlement at a time, held until the transaction ends. Every trigger (events, admin
 * corrections, reconciliation) of the same order queues here, on any process, because it is a
 * database lock.
 */
export const LOCK_ORDER_SQL = `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE.order}, hashtext(?))`

/** One payout run per currency at a time: a second concurrent run waits and then finds nothing approved. */
export const LOCK_PAYOUT_SQL = `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE.payout}, hashtext(?))`

export const LOCK_PLAN_SQL = `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE.plan}, 0)`

export const LINE_COLUMNS = `id, order_id, run_id, distributor_id, distributor_handle, source_distributor_id, level, kind,
  earning, adjustment_key, reverses_line_id, basis, percent, amount, currency_code, status, plan_version, explanation,
  hold_until, approved_at, paid_at, reversed_at, payout_id, created_at`

/**
 * An order's ledger, locked. Rows are locked in (distributor_id, id) order, the order approval and
 * payouts lock in too, so a settlement never deadlocks with them.
 */
export const ORDER_LEDGER_FOR_UPDATE_SQL = `
  SELECT ${LINE_COLUMNS} FROM mlm_commission_line
   WHERE order_id = ? AND deleted_at IS NULL
   ORDER BY distributor_id, id
   FOR UPDATE`

export const ORDER_LEDGER_SQL = `
  SELECT ${LINE_COLUMNS} FROM mlm_commission_line
   WHERE order_id = ? AND deleted_at IS NULL
   ORDER BY created_at, level, kind, id`

/** pending -> reversed; a line that is no longer pending is left alone (the caller re-checks). */
export const REVERSE_PENDING_SQL = `
  UPDATE mlm_commission_line SET status = 'reversed', reversed_at = now(), updated_at = now()
   WHERE id IN (?) AND status = 'pending' AND deleted_at IS NULL
   RETURNING id`

export const CURRENT_RUN_SQL = `
  SELECT * FROM mlm_commission_run WHERE order_id = ? AND deleted_at IS NULL AND superseded_at IS NULL`

/**
 * pending -> approved for matured lines, rows locked in (distributor_id, id) order first; a line a
 * concurrent settlement reversed is no longer pending when the lock is granted and is skipped.
 */
export const APPROVE_MATURED_SQL = (filterByIds: boolean) => `
  WITH matured AS (
    SELECT id FROM mlm_commission_line
     WHERE status = 'pending' AND hold_until <= ? AND deleted_at IS NULL ${filterByIds ? "AND id IN (?)" : ""}
     ORDER BY distributor_id, id
     FOR UPDATE
  )
  UPDATE mlm_commission_line l SET status = 'approved', approved_at = now(), updated_at = now()
    FROM matured WHERE l.id = matured.id AND l.status = 'pending'
  RETURNING l.id`

/** A currency's approved lines (optionally of some distributors); locked for a payout run, not for its preview. */
const approvedLinesSql = (filterByDistributors: boolean, lock: boolean) => `
  SELECT id, distributor_id, amount FROM mlm_commission_line
   WHERE status = 'approved' AND currency_code = ? AND deleted_at IS NULL
         ${filterByDistributors ? "AND distributor_id IN (?)" : ""}
   ORDER BY distributor_id, id
   ${lock ? "FOR UPDATE" : ""}`

export const APPROVED_LINES_FOR_UPDATE_SQL = (filterByDistributors: boolean) => approvedLinesSql(filterByDistributors, true)

/** The approved lines of a currency without a lock: the payout preview. */
export const APPROVED_LINES_SQL = approvedLinesSql(false, false)

/** Distributors with a positive approved balance in a currency (clawbacks netted). */
export const PAYABLE_DISTRIBUTORS_SQL = `
  SELECT distributor_id FROM mlm_commission_line
   WHERE status = 'approved' AND currency_code = ? AND deleted_at IS NULL
   GROUP BY distributor_id HAVING sum(amount) > 0
   ORDER BY distributor_id`

/**
 * Pending lines whose hold has not ended at the given moment: count, first and last maturity, and
 * how many wait for their order's fulfilment (no maturity yet).
 */
export const HELD_LINES_SQL = (filterByIds: boolean) => `
  SELECT count(*)::text AS count, min(hold_until) AS next, max(hold_until) AS last,
         count(*) FILTER (WHERE hold_until IS NULL)::text AS unfulfilled FROM mlm_commission_line
   WHERE status = 'pending' AND (hold_until > ? OR hold_until IS NULL) AND deleted_at IS NULL ${filterByIds ? "AND id IN (?)" : ""}`

export const MARK_PAID_SQL = `
  UPDATE mlm_commission_line SET status = 'paid', paid_at = now(), payout_id = ?, updated_at = now()
   WHERE id IN (?) AND status = 'approved'
   RETURNING id`

export const TOTALS_BY_STATUS_SQL = `
  SELECT status, currency_code, sum(amount)::text AS total FROM mlm_commission_line
   WHERE distributor_id = ? AND deleted_at IS NULL AND status <> 'reversed'
   GROUP BY status, currency_code ORDER BY status, currency_code`

/** Volume settings of a set of products (every first settlement reads them). */
export const PRODUCT_VOLUME_RATES_SQL = `
  SELECT product_id, raw_pv_per_unit->>'value' AS pv_per_unit, commissionable
    FROM mlm_product_volume WHERE product_id IN (?) AND deleted_at IS NULL`

/** The active plan: the latest version. */
export const ACTIVE_PLAN_SQL = `
  SELECT * FROM mlm_commission_plan WHERE deleted_at IS NULL ORDER BY version DESC LIMIT 1`

export const INSERT_PLAN_SQL = `
  INSERT INTO mlm_commission_plan (id, version, name, levels, max_payout_percent, raw_max_payout_percent,
     hold_days, compression, retail_profit, activity, ranks, min_payout, created_by, created_at, updated_at)
  SELECT ?, coalesce(max(version), 0) + 1, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, now(), now()
    FROM mlm_commission_plan WHERE deleted_at IS NULL
  RETURNING *`

/** Orders that have a settlement snapshot, among the given ones, with the order version it last saw. */
export const SETTLED_ORDERS_SQL = `
  SELECT order_id, order_updated_at FROM mlm_commission_run WHERE order_id IN (?) AND deleted_at IS NULL AND superseded_at IS NULL`

/** A settlement snapshot's columns, in the order saveSettlementRun passes them. */
export const UPDATE_RUN_SQL = `
  UPDATE mlm_commission_run SET attributed_distributor_id = ?, attribution_source = ?, plan_id = ?, plan_version = ?,
    currency_code = ?, levels = ?::jsonb, compression = ?, retail_profit = ?, hold_days = ?, chain = ?::jsonb,
    member_prices = ?::jsonb, volume = ?::jsonb, rules = ?::jsonb, original_basis = ?, raw_original_basis = ?::jsonb, basis = ?, raw_basis = ?::jsonb,
    plan_amount = ?, raw_plan_amount = ?::jsonb, paid_amount = ?, raw_paid_amount = ?::jsonb, breakage = ?,
    raw_breakage = ?::jsonb, settle_count = ?, order_updated_at = ?, explanation = ?::jsonb, settled_at = now(), updated_at = now()
    WHERE id = ? RETURNING *`

export const INSERT_RUN_SQL = `
  INSERT INTO mlm_commission_run (attributed_distributor_id, attribution_source, plan_id, plan_version, currency_code,
    levels, compression, retail_profit, hold_days, chain, member_prices, volume, rules, original_basis, raw_original_basis, basis,
    raw_basis, plan_amount, raw_plan_amount, paid_amount, raw_paid_amount, breakage, raw_breakage, settle_count,
    order_updated_at, explanation, id, order_id, placed_at, settled_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?,
    ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?, now(), now(), now())
    RETURNING *`

export const DELETE_RUN_SQL = `DELETE FROM mlm_commission_run WHERE id = ?`

/** Ledger lines, `count` rows in one statement; each row has 22 parameters (raw_* as jsonb). */
export function insertLinesSql(count: number): string {
  const tuple = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, now(), now())`
  return `INSERT INTO mlm_commission_line (id, order_id, run_id, distributor_id, distributor_handle, source_distributor_id,
    level, kind, earning, adjustment_key, basis, raw_basis, percent, raw_percent, amount, raw_amount, currency_code,
    status, plan_version, explanation, hold_until, approved_at, created_at, updated_at)
    VALUES ${Array.from({ length: count }, () => tuple).join(", ")}
    RETURNING *`
}

/** Compensation of a settlement: its lines removed, its reversals pending again. */
export const DELETE_LINES_SQL = `DELETE FROM mlm_commission_line WHERE id IN (?)`
export const UNDO_REVERSAL_SQL = `
  UPDATE mlm_commission_line SET status = 'pending', reversed_at = NULL, updated_at = now()
   WHERE id IN (?) AND status = 'reversed'`

export const PAYOUT_COLUMNS = `id, distributor_id, currency_code, amount, line_count, created_by, status, provider_id, run_id,
  idempotency_key, retry_of, reference, message, line_ids, details, sent_at, paid_at, failed_at, created_at`

export const INSERT_PAYOUT_SQL = `
  INSERT INTO mlm_payout (id, distributor_id, currency_code, amount, raw_amount, line_count, created_by, status, provider_id,
     run_id, idempotency_key, retry_of, line_ids, details, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, 'pending', ?, ?, ?, ?, ?::jsonb, ?::jsonb, now(), now())
    RETURNING ${PAYOUT_COLUMNS}`

export const PAYOUT_FOR_UPDATE_SQL = `SELECT ${PAYOUT_COLUMNS} FROM mlm_payout WHERE id = ? AND deleted_at IS NULL FOR UPDATE`

/** A failed payout's lines go back to approved, for the next run or a retry. */
export const RELEASE_PAYOUT_LINES_SQL = `
  UPDATE mlm_commission_line SET status = 'approved', paid_at = NULL, payout_id = NULL, updated_at = now()
   WHERE payout_id = ? AND status = 'paid'
   RETURNING id`

/** The given lines of a distributor and currency that are approved, locked (a retry re-takes them). */
export const LINES_FOR_RETRY_SQL = `
  SELECT id, distributor_id, amount, status FROM mlm_commission_line
   WHERE id IN (?) AND deleted_at IS NULL ORDER BY distributor_id, id FOR UPDATE`

/** The order's pending lines take the maturity the order has now (mature_from "fulfilled"). */
export const SET_ORDER_MATURITY_SQL = `
  UPDATE mlm_commission_line SET hold_until = ?, updated_at = now()
   WHERE order_id = ? AND status = 'pending' AND deleted_at IS NULL AND hold_until IS DISTINCT FROM ?
   RETURNING id`

/**
 * A distributor's balance per currency before a moment: lines written minus lines reversed minus
 * payouts made plus payouts that failed (DESIGN.md "Payouts", the statement).
 */
export const BALANCE_BEFORE_SQL = `
  SELECT currency_code, sum(effect)::text AS balance FROM (
    SELECT currency_code, amount AS effect FROM mlm_commission_line
     WHERE distributor_id = ? AND deleted_at IS NULL AND created_at < ?
    UNION ALL
    SELECT currency_code, -amount FROM mlm_commission_line
     WHERE distributor_id = ? AND deleted_at IS NULL AND status = 'reversed' AND reversed_at < ?
    UNION ALL
    SELECT currency_code, -amount FROM mlm_payout WHERE distributor_id = ? AND deleted_at IS NULL AND created_at < ?
    UNION ALL
    SELECT currency_code, amount FROM mlm_payout WHERE distributor_id = ? AND deleted_at IS NULL AND failed_at < ?
  ) e GROUP BY currency_code ORDER BY currency_code`

/** Every balance event of a distributor within [start, end), oldest first. */
export const BALANCE_EVENTS_SQL = `
  SELECT * FROM (
    SELECT created_at AS at, CASE WHEN amount < 0 THEN 'clawed_back' ELSE 'earned' END AS type, amount::text AS effect,
           currency_code, id AS line_id, NULL AS payout_id, kind, level, order_id, explanation
      FROM mlm_commission_line WHERE distributor_id = ? AND deleted_at IS NULL AND created_at >= ? AND created_at < ?
    UNION ALL
    SELECT reversed_at, 'reversed', (-amount)::text, currency_code, id, NULL, kind, level, order_id, explanation
      FROM mlm_commission_line
     WHERE distributor_id = ? AND deleted_at IS NULL AND status = 'reversed' AND reversed_at >= ? AND reversed_at < ?
    UNION ALL
    SELECT created_at, 'paid', (-amount)::text, currency_code, NULL, id, NULL, NULL, NULL,
           jsonb_build_object('provider', provider_id, 'status', status, 'reference', reference, 'line_count', line_count)
      FROM mlm_payout WHERE distributor_id = ? AND deleted_at IS NULL AND created_at >= ? AND created_at < ?
    UNION ALL
    SELECT failed_at, 'payout_failed', amount::text, currency_code, NULL, id, NULL, NULL, NULL,
           jsonb_build_object('provider', provider_id, 'message', message)
      FROM mlm_payout WHERE distributor_id = ? AND deleted_at IS NULL AND failed_at >= ? AND failed_at < ?
  ) e ORDER BY at, line_id NULLS LAST, payout_id`

/**
 * Reports and the plan simulator count an order in the period it was placed in (the run's
 * `placed_at`, both ends inclusive), by its current snapshot.
 */
const periodRuns = (alias = "") =>
  `${alias}deleted_at IS NULL AND ${alias}superseded_at IS NULL AND ${alias}placed_at >= ? AND ${alias}placed_at <= ?`
const PERIOD_RUNS = periodRuns()

/** Currencies with orders in the period, the most revenue first. */
export const PERIOD_CURRENCIES_SQL = `
  SELECT currency_code, count(*)::int AS orders, sum(basis)::text AS revenue FROM mlm_commission_run
   WHERE ${PERIOD_RUNS} GROUP BY currency_code ORDER BY sum(basis) DESC, currency_code`

/**
 * A page of the period's snapshots in a currency for the plan simulator, with the order's live lines
 * (reversed ones left out) as [distributor_id, handle, level, earning, amount] (one index probe per
 * order, one round trip; the service sums them per beneficiary, level and earning).
 */
export const SIMULATION_ORDERS_SQL = `
  SELECT r.id, r.order_id, r.attribution_source, r.plan_version, r.currency_code, r.chain, r.rules, r.basis::text AS basis,
         r.breakage::text AS breakage, r.retail_profit, r.explanation->>'retail_profit' AS retail_margin,
         (SELECT json_agg(json_build_array(l.distributor_id, l.distributor_handle, l.level, l.earning, l.amount::text))
            FROM mlm_commission_line l
           WHERE l.order_id = r.order_id AND l.status <> 'reversed' AND l.deleted_at IS NULL) AS lines
    FROM mlm_commission_run r
   WHERE ${periodRuns("r.")} AND r.currency_code = ? AND r.id > ?
   ORDER BY r.id LIMIT ?`

/**
 * Net earnings per distributor on the period's orders in a currency: every live line of those
 * orders, clawbacks and adjustments included whenever they were written; distributors whose net is 0 left out.
 */
export const PERIOD_EARNINGS_SQL = `
  SELECT l.distributor_id, sum(l.amount)::text AS amount
    FROM mlm_commission_line l
    JOIN mlm_commission_run r ON r.order_id = l.order_id AND ${periodRuns("r.")} AND r.currency_code = ?
   WHERE l.status <> 'reversed' AND l.deleted_at IS NULL AND l.currency_code = ?
   GROUP BY l.distributor_id HAVING sum(l.amount) <> 0`

/** Clawbacks written on the period's orders (0 or less). */
export const PERIOD_CLAWBACKS_SQL = `
  SELECT coalesce(sum(l.amount), 0)::text AS amount
    FROM mlm_commission_line l
    JOIN mlm_commission_run r ON r.order_id = l.order_id AND ${periodRuns("r.")} AND r.currency_code = ?
   WHERE l.kind = 'clawback' AND l.status <> 'reversed' AND l.deleted_at IS NULL AND l.currency_code = ?`

/** The period's volume (commission basis now) by whether the buyer was the distributor themself. */
export const PERIOD_VOLUME_SQL = `
  SELECT (attribution_source = 'self') AS own, count(*)::int AS orders, coalesce(sum(basis), 0)::text AS basis
    FROM mlm_commission_run WHERE ${PERIOD_RUNS} AND currency_code = ? GROUP BY 1`
