/**
 * Volumes, activity and ranks as SQL (DESIGN.md "Volumes, activity and ranks"), shared with
 * `npm run bench`. Lists of ids travel as one JSON array parameter. Every statement that writes
 * several rows writes them in id order, so two settlements over overlapping uplines queue, never
 * deadlock. Placeholders are knex-style `?`.
 */

/**
 * Adds an order's PV change to the volumes of a distributor's ancestry (themself included): their
 * own PV and every ancestor's GV, on the order's UTC day and in its calendar month. One statement.
 * Parameters: ancestry ids (JSON), distributor id, pv delta, gv delta, day, month.
 */
export const APPLY_VOLUME_SQL = `
  WITH input AS (
    SELECT x.id, CASE WHEN x.id = ?::text THEN ?::numeric ELSE 0 END AS pv, ?::numeric AS gv
      FROM jsonb_array_elements_text(?::jsonb) AS x(id)
  ), day_rows AS (
    INSERT INTO mlm_volume_day AS v (distributor_id, day, pv, gv)
    SELECT id, ?::int, pv, gv FROM input ORDER BY id
    ON CONFLICT (distributor_id, day) DO UPDATE SET pv = v.pv + excluded.pv, gv = v.gv + excluded.gv
    RETURNING 1
  )
  INSERT INTO mlm_volume_month AS m (distributor_id, month, pv, gv)
  SELECT id, ?::text, pv, gv FROM input ORDER BY id
  ON CONFLICT (distributor_id, month) DO UPDATE SET pv = m.pv + excluded.pv, gv = m.gv + excluded.gv`

/**
 * PV and GV of each distributor over the days [from, to], and their active legs on day `to`
 * (frontline members whose subtree's latest activity reaches that day: an index range count).
 * Parameters: from, to, from, to, to, ids (JSON).
 */
export const QUALIFICATION_FACTS_SQL = `
  SELECT x.id,
         coalesce((SELECT sum(v.pv) FROM mlm_volume_day v WHERE v.distributor_id = x.id AND v.day BETWEEN ?::int AND ?::int), 0) AS pv,
         coalesce((SELECT sum(v.gv) FROM mlm_volume_day v WHERE v.distributor_id = x.id AND v.day BETWEEN ?::int AND ?::int), 0) AS gv,
         (SELECT count(*) FROM mlm_distributor f
           WHERE f.sponsor_id = x.id AND f.deleted_at IS NULL AND f.subtree_active_until >= ?::int)::int AS active_legs
    FROM jsonb_array_elements_text(?::jsonb) AS x(id)`

/** One distributor's daily PV over [from, to] (for their activity). */
export const PV_DAYS_SQL = `
  SELECT day, pv FROM mlm_volume_day WHERE distributor_id = ? AND day BETWEEN ? AND ? AND pv <> 0`

export const ACTIVITY_ROW_SQL = `
  SELECT id, path, status, active_until, subtree_active_until, rank, highest_rank
    FROM mlm_distributor WHERE id = ? AND deleted_at IS NULL`

export const ACTIVITY_ROWS_SQL = `
  SELECT id, sponsor_id, status, active_until, subtree_active_until, rank, highest_rank
    FROM mlm_distributor WHERE id IN (?) AND deleted_at IS NULL`

export const SET_ACTIVE_UNTIL_SQL = `UPDATE mlm_distributor SET active_until = ? WHERE id = ?`

/** Raises the subtree activity of an ancestry to `day` where it is lower; locks rows in id order first. */
export const RAISE_SUBTREE_ACTIVITY_SQL = `
  WITH locked AS (
    SELECT id FROM mlm_distributor
     WHERE id IN (?) AND (subtree_active_until IS NULL OR subtree_active_until < ?) AND deleted_at IS NULL
     ORDER BY id FOR UPDATE
  )
  UPDATE mlm_distributor d SET subtree_active_until = ? FROM locked WHERE d.id = locked.id`

/** The latest subtree activity among a distributor's frontline (index (sponsor_id, subtree_active_until)). */
export const FRONTLINE_ACTIVITY_SQL = `
  SELECT max(subtree_active_until) AS until FROM mlm_distributor WHERE sponsor_id = ? AND deleted_at IS NULL`

export const SET_SUBTREE_ACTIVITY_SQL = `UPDATE mlm_distributor SET subtree_active_until = ? WHERE id = ?`

/** Parameters: JSON [{ id, rank, highest_rank }]. Rows are locked in id order first (no deadlock). */
export const SAVE_RANKS_SQL = `
  WITH x AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(id text, rank text, highest_rank text)),
  locked AS (SELECT d.id FROM mlm_distributor d JOIN x ON x.id = d.id ORDER BY d.id FOR UPDATE OF d)
  UPDATE mlm_distributor d SET rank = x.rank, highest_rank = x.highest_rank, updated_at = now()
    FROM x JOIN locked ON locked.id = x.id
   WHERE d.id = x.id`

/** An ancestry's rows locked in id order, before its activity changes (same order as every writer). */
export const LOCK_ROWS_SQL = `SELECT id FROM mlm_distributor WHERE id IN (?) ORDER BY id FOR UPDATE`

/**
 * Moves a subtree's group volume between uplines (a sponsor change): `sign` x the moved
 * distributor's GV, every day and month, added to each of the given ancestors' GV.
 * Parameters: sign, ancestor ids (JSON), moved distributor id; the same again for months.
 */
export const TRANSFER_GV_SQL = `
  WITH day_rows AS (
    INSERT INTO mlm_volume_day AS v (distributor_id, day, pv, gv)
    SELECT a.id, s.day, 0, ?::int * s.gv
      FROM jsonb_array_elements_text(?::jsonb) AS a(id) CROSS JOIN mlm_volume_day s
     WHERE s.distributor_id = ? AND s.gv <> 0
     ORDER BY a.id, s.day
    ON CONFLICT (distributor_id, day) DO UPDATE SET gv = v.gv + excluded.gv
    RETURNING 1
  )
  INSERT INTO mlm_volume_month AS m (distributor_id, month, pv, gv)
  SELECT a.id, s.month, 0, ?::int * s.gv
    FROM jsonb_array_elements_text(?::jsonb) AS a(id) CROSS JOIN mlm_volume_month s
   WHERE s.distributor_id = ? AND s.gv <> 0
   ORDER BY a.id, s.month
  ON CONFLICT (distributor_id, month) DO UPDATE SET gv = m.gv + excluded.gv`

/** A distributor's month-by-month volume, newest first. */
export const MONTHLY_VOLUME_SQL = `
  SELECT month, pv, gv FROM mlm_volume_month WHERE distributor_id = ? ORDER BY month DESC LIMIT ?`

/** PV over [from, to] of a page of distributors (downline pages). Parameters: from, to, ids (JSON). */
export const WINDOW_PV_SQL = `
  SELECT v.distributor_id AS id, sum(v.pv) AS pv FROM mlm_volume_day v
   WHERE v.day BETWEEN ? AND ? AND v.distributor_id IN (SELECT jsonb_array_elements_text(?::jsonb))
   GROUP BY v.distributor_id`

/**
 * Activity of everyone from scratch, for a new activity rule (min_pv, window): each distributor
 * with status active and window PV > 0 and >= min_pv is active until the last day whose window
 * still holds enough (the newest day at which the PV summed from the newest day back reaches it,
 * plus the window - 1); then every subtree's latest activity, over the stored ancestry.
 * Parameters: window - 1, from, to, min_pv.
 */
export const RECOMPUTE_ACTIVITY_SQL = [
  `UPDATE mlm_distributor SET active_until = NULL, subtree_active_until = NULL
    WHERE active_until IS NOT NULL OR subtree_active_until IS NOT NULL`,
  `UPDATE mlm_distributor d SET active_until = x.until
     FROM (SELECT distributor_id, max(day) + ?::int AS until FROM (
             SELECT distributor_id, day, sum(pv) OVER (PARTITION BY distributor_id ORDER BY day DESC) AS suffix
               FROM mlm_volume_day WHERE day BETWEEN ? AND ? AND pv <> 0) s
            WHERE suffix > 0 AND suffix >= ?::numeric GROUP BY distributor_id) x
    WHERE d.id = x.distributor_id AND d.status = 'active' AND d.deleted_at IS NULL`,
  `UPDATE mlm_distributor d SET subtree_active_until = x.until
     FROM (SELECT a.id, max(m.active_until) AS until
             FROM mlm_distributor m CROSS JOIN LATERAL unnest(string_to_array(rtrim(m.path, '/'), '/')) AS a(id)
            WHERE m.active_until IS NOT NULL AND m.deleted_at IS NULL GROUP BY a.id) x
    WHERE d.id = x.id`,
]

/** The income disclosure's population: distributors enrolled by a moment, counted per title (highest rank). */
export const ENROLLED_BY_RANK_SQL = `
  SELECT highest_rank AS rank, count(*)::int AS count FROM mlm_distributor
   WHERE enrolled_at <= ? AND deleted_at IS NULL GROUP BY highest_rank`

/** Of some distributors, those enrolled by a moment, with their title. */
export const ENROLLED_AMONG_SQL = `
  SELECT id, highest_rank AS rank FROM mlm_distributor WHERE id IN (?) AND enrolled_at <= ? AND deleted_at IS NULL`
