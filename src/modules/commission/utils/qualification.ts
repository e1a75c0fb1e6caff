import { MathBN } from "@medusajs/framework/utils"
import type { PlanActivity, PlanRank } from "../../../types/plan"
import { atLeast } from "./money"

/**
 * Volumes, activity and ranks (DESIGN.md "Volumes, activity and ranks") as pure rules.
 * Time is counted in UTC days (a day number = whole days since 1970-01-01 UTC). A window of `w`
 * days ending on day `d` is the days d - w + 1 .. d: the order's own UTC day and the w - 1 before it.
 * PV is points with at most 2 decimals (rounded half-up where a refund scales it); sums are exact.
 */

const DAY_MS = 86_400_000
export const PV_DECIMALS = 2
export const DEFAULT_ACTIVITY: PlanActivity = { min_pv: 0, window_days: 30 }

export function dayNumber(at: Date | string | number): number {
  return Math.floor(new Date(at).getTime() / DAY_MS)
}

/** "YYYY-MM" of a day number (calendar month, UTC): the key of the monthly volume. */
export function monthOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 7)
}

export function dayOfIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** First day of the window of `windowDays` days that ends on `day`. */
export function windowStart(day: number, windowDays: number): number {
  return day - windowDays + 1
}

/**
 * The last day on which a distributor stays active with the volume known now, or null when they
 * are not active on `today`. Active on day u: PV over the window ending on u >= min_pv, and more
 * than 0 (with min_pv 0 everyone with status active earns, and "active" for legs means "had PV").
 * Without new orders the window only loses days as u grows, so activity, once lost, does not return.
 */
export function activeUntil(buckets: { day: number; pv: string | number }[], activity: PlanActivity, today: number): number | null {
  const from = windowStart(today, activity.window_days)
  const days = buckets.filter((b) => b.day >= from && b.day <= today).sort((a, b) => b.day - a.day)
  let suffix = MathBN.convert(0)
  let last: number | null = null
  for (const bucket of days) {
    suffix = MathBN.add(suffix, bucket.pv)
    // the window ending on bucket.day + w - 1 still holds this bucket and every later one
    if (MathBN.gt(suffix, 0) && MathBN.gte(suffix, activity.min_pv)) {
      last = bucket.day + activity.window_days - 1
      break
    }
  }
  return last
}

/** Active at an order's moment: status active and PV over the window reaching min_pv (>=). */
export function isActive(status: string, pv: string | number, activity: PlanActivity): boolean {
  return status === "active" && atLeast(pv, activity.min_pv)
}

/**
 * The highest rank of the ladder (lowest first) whose minimums are all reached (>=); null below
 * the first rank.
 */
export function rankOf(ranks: PlanRank[], volume: { pv: string | number; gv: string | number; active_legs: number }): string | null {
  let reached: string | null = null
  for (const rank of ranks) {
    if (atLeast(volume.pv, rank.min_pv) && atLeast(volume.gv, rank.min_gv) && volume.active_legs >= rank.min_active_legs) {
      reached = rank.name
    }
  }
  return reached
}

/** Position on the ladder (0 = lowest); -1 for no rank or a name the ladder does not have. */
export function rankIndex(ranks: string[], rank: string | null | undefined): number {
  return rank ? ranks.indexOf(rank) : -1
}

/** The higher of two ranks on the ladder (a name the ladder no longer has counts below every rank). */
export function higherRank(ranks: string[], a: string | null | undefined, b: string | null | undefined): string | null {
  return rankIndex(ranks, b) > rankIndex(ranks, a) ? b ?? null : a ?? b ?? null
}

/** A product's frozen volume settings; a product without settings is commissionable and counts 0 PV. */
export type VolumeRate = { pv_per_unit: string; commissionable: boolean }
export const UNSET_PRODUCT_VOLUME: VolumeRate = { pv_per_unit: "0", commissionable: true }

/**
 * An order's PV now: quantity x pv_per_unit of its current commissionable items, times the part of
 * the items' basis a refund left (basis / full basis), rounded half-up to 2 decimals; 0 when cancelled.
 */
export function orderVolume(input: {
  canceled: boolean
  items: { product_id: string | null; quantity: number; commissionable: boolean }[]
  rates: Record<string, VolumeRate>
  /** the commissionable basis now and before any unexplained refund (1 and 1 when no refund) */
  basis: string
  full_basis: string
}): string {
  if (input.canceled) return "0"
  let pv = MathBN.convert(0)
  for (const item of input.items) {
    if (!item.commissionable || !item.product_id) continue
    const rate = input.rates[item.product_id] ?? UNSET_PRODUCT_VOLUME
    if (!rate.commissionable) continue
    pv = MathBN.add(pv, MathBN.mult(rate.pv_per_unit, item.quantity))
  }
  if (MathBN.gt(input.full_basis, 0) && MathBN.lt(input.basis, input.full_basis)) {
    pv = MathBN.div(MathBN.mult(pv, input.basis), input.full_basis)
  }
  return pv.decimalPlaces(PV_DECIMALS, 4).toString()
}

/** Volume facts of one distributor at a moment (exact decimal strings for PV and GV). */
export type VolumeFacts = { pv: string; gv: string; active_legs: number }

/**
 * Freezes what each beneficiary had at the order's moment: PV, GV, active legs, activity (status
 * and PV) and rank. A host app's hold (eligibility hook) is kept beside it, in its own words.
 */
export function qualifyChain<T extends { id: string; status: string }>(
  chain: T[],
  facts: Record<string, VolumeFacts>,
  plan: { activity: PlanActivity; ranks: PlanRank[] },
  holds: Record<string, string> = {}
): (T & { qualification: { pv: string; gv: string; active_legs: number; active: boolean; rank: string | null }; hold: string | null })[] {
  return chain.map((member) => {
    const f = facts[member.id] ?? { pv: "0", gv: "0", active_legs: 0 }
    return {
      ...member,
      qualification: {
        pv: f.pv,
        gv: f.gv,
        active_legs: f.active_legs,
        active: isActive(member.status, f.pv, plan.activity),
        rank: rankOf(plan.ranks, f),
      },
      hold: holds[member.id] ?? null,
    }
  })
}

export type RankChange = { distributor_id: string; rank: string | null; previous_rank: string | null }

/**
 * The ranks a volume change moved: for each distributor whose rank by its facts now differs from
 * the stored one, the new current rank and the highest ever reached (the title never goes down).
 */
export function rankChanges(
  stored: { id: string; rank: string | null; highest_rank: string | null }[],
  facts: Record<string, VolumeFacts>,
  ranks: PlanRank[]
): { saves: { id: string; rank: string | null; highest_rank: string | null }[]; changes: RankChange[] } {
  const names = ranks.map((r) => r.name)
  const saves: { id: string; rank: string | null; highest_rank: string | null }[] = []
  const changes: RankChange[] = []
  for (const row of stored) {
    const f = facts[row.id]
    if (!f) continue
    const rank = rankOf(ranks, f)
    if (rank === (row.rank ?? null)) continue
    saves.push({ id: row.id, rank, highest_rank: higherRank(names, row.highest_rank, rank) })
    changes.push({ distributor_id: row.id, rank, previous_rank: row.rank ?? null })
  }
  return { saves, changes }
}
