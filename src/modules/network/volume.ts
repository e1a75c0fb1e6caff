import { MathBN } from "@medusajs/framework/utils"
import type { SqlManager } from "../../types/sql"
import type { PlanActivity } from "../../types/plan"
import { activeUntil, VolumeFacts, windowStart } from "../commission/utils/qualification"
import { idsInPath } from "./utils/path"
import {
  ACTIVITY_ROW_SQL,
  APPLY_VOLUME_SQL,
  FRONTLINE_ACTIVITY_SQL,
  LOCK_ROWS_SQL,
  PV_DAYS_SQL,
  QUALIFICATION_FACTS_SQL,
  RAISE_SUBTREE_ACTIVITY_SQL,
  SET_ACTIVE_UNTIL_SQL,
  SET_SUBTREE_ACTIVITY_SQL,
  TRANSFER_GV_SQL,
} from "./volume-queries"

/**
 * The volume bookkeeping of the genealogy, over a transaction's `execute` (NetworkModuleService
 * wraps these). Everything is incremental: an order's PV change is one upsert over the stored
 * ancestry, activity moves only along one path, and nothing scans a subtree.
 */
type Execute = SqlManager["execute"]

/** Adds `delta` PV to a distributor (and as GV to their ancestry, themself included) on `day`. */
export async function applyVolume(
  execute: Execute,
  input: { distributor_id: string; day: number; month: string; delta: string }
): Promise<ActivityRow | null> {
  const [row] = await execute<ActivityRow>(ACTIVITY_ROW_SQL, [input.distributor_id])
  if (!row || MathBN.eq(input.delta, 0)) return row ?? null
  await execute(APPLY_VOLUME_SQL, [input.distributor_id, input.delta, input.delta, JSON.stringify(idsInPath(row.path)), input.day, input.month])
  return row
}

/** A distributor's row as the activity rules read it (ACTIVITY_ROW_SQL). */
export type ActivityRow = { id: string; path: string; status: string; active_until: number | null; subtree_active_until: number | null }

/** PV and GV over the window ending on `day`, and active legs on `day`, for each id. */
export async function readVolumeFacts(
  execute: Execute,
  ids: string[],
  day: number,
  windowDays: number
): Promise<Record<string, VolumeFacts>> {
  if (!ids.length) return {}
  const from = windowStart(day, windowDays)
  const rows = await execute<{ id: string; pv: string; gv: string; active_legs: number }>(QUALIFICATION_FACTS_SQL, [
    from,
    day,
    from,
    day,
    day,
    JSON.stringify(ids),
  ])
  const out: Record<string, VolumeFacts> = {}
  for (const row of rows) {
    out[row.id] = { pv: MathBN.convert(row.pv).toString(), gv: MathBN.convert(row.gv).toString(), active_legs: Number(row.active_legs) }
  }
  return out
}

/**
 * Recomputes one distributor's activity (the last day they stay active, from their daily PV, as of
 * `today`) and carries a change up their ancestry's subtree activity: a later day raises every
 * ancestor that is lower in one statement; an earlier one is recomputed upward from the
 * distributor (each step one index probe of the frontline), stopping where nothing changes.
 */
export async function refreshActivity(
  execute: Execute,
  distributorId: string,
  activity: PlanActivity,
  today: number,
  known?: ActivityRow
): Promise<void> {
  const row = known ?? (await execute<ActivityRow>(ACTIVITY_ROW_SQL, [distributorId]))[0]
  if (!row) return
  const days =
    row.status === "active"
      ? await execute<{ day: number; pv: string }>(PV_DAYS_SQL, [distributorId, windowStart(today, activity.window_days), today])
      : []
  const until = activeUntil(days.map((d) => ({ day: Number(d.day), pv: d.pv })), activity, today)
  const before = row.active_until == null ? null : Number(row.active_until)
  if (until === before) return
  const ancestry = idsInPath(row.path)
  // every row this change may touch, locked in id order first: the order enrolments and rank saves use
  await execute(LOCK_ROWS_SQL, [ancestry])
  await execute(SET_ACTIVE_UNTIL_SQL, [until, distributorId])
  if (until != null && (before == null || until > before)) {
    await execute(RAISE_SUBTREE_ACTIVITY_SQL, [ancestry, until, until])
    return
  }
  await recomputeSubtreeActivity(execute, ancestry.reverse())
}

/** Subtree activity recomputed bottom-up along `nearestFirst` (a distributor then its ancestors). */
export async function recomputeSubtreeActivity(execute: Execute, nearestFirst: string[]): Promise<void> {
  for (const id of nearestFirst) {
    const [row] = await execute<any>(ACTIVITY_ROW_SQL, [id])
    if (!row) return
    const [{ until: below }] = await execute<{ until: number | null }>(FRONTLINE_ACTIVITY_SQL, [id])
    const own = row.active_until == null ? null : Number(row.active_until)
    const children = below == null ? null : Number(below)
    const next = own == null ? children : children == null ? own : Math.max(own, children)
    const current = row.subtree_active_until == null ? null : Number(row.subtree_active_until)
    if (next === current) return
    await execute(SET_SUBTREE_ACTIVITY_SQL, [next, id])
  }
}

/**
 * A subtree moved from `oldAncestors` to `newAncestors` (sponsor change): its group volume, every
 * day and month, leaves the ancestors it no longer has and joins the ones it gains; shared
 * ancestors keep it. Then their subtree activity follows the move.
 */
export async function moveGroupVolume(
  execute: Execute,
  input: { moved_id: string; old_ancestors: string[]; new_ancestors: string[] }
): Promise<void> {
  const kept = new Set(input.new_ancestors)
  const leaving = input.old_ancestors.filter((id) => !kept.has(id)).sort()
  const had = new Set(input.old_ancestors)
  const joining = input.new_ancestors.filter((id) => !had.has(id)).sort()
  if (leaving.length) await execute(TRANSFER_GV_SQL, [-1, JSON.stringify(leaving), input.moved_id, -1, JSON.stringify(leaving), input.moved_id])
  if (joining.length) await execute(TRANSFER_GV_SQL, [1, JSON.stringify(joining), input.moved_id, 1, JSON.stringify(joining), input.moved_id])
  // old ancestors, nearest first, may have lost their latest activity; new ones may gain the subtree's
  if (input.old_ancestors.length) await recomputeSubtreeActivity(execute, input.old_ancestors)
  const [moved] = await execute<any>(ACTIVITY_ROW_SQL, [input.moved_id])
  if (moved?.subtree_active_until != null && input.new_ancestors.length) {
    await execute(RAISE_SUBTREE_ACTIVITY_SQL, [input.new_ancestors, moved.subtree_active_until, moved.subtree_active_until])
  }
}
