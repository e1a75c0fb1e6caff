import { MathBN } from "@medusajs/framework/utils"

import type { PlanInput } from "../../../types/plan"
import { DEFAULT_ACTIVITY } from "./qualification"
export type { PlanActivity, PlanInput, PlanLevel, PlanRank } from "../../../types/plan"

export type PlanSettings = Required<Omit<PlanInput, "name">> & { name: string }

export const PLAN_DEFAULTS = { max_payout_percent: 50, hold_days: 30, compression: true, retail_profit: false }
export const MAX_LEVELS = 50
/** Ten years: a longer hold is a typo, and it would push hold_until past any sane date. */
export const MAX_HOLD_DAYS = 3650
export const MAX_RANKS = 20
export const MAX_WINDOW_DAYS = 366

const decimals = (value: number) => (String(value).split(".")[1] ?? "").length

/**
 * The rules an admin's plan must follow. Returns every problem, worded for the admin, so the 400
 * answer says all that is wrong at once; an empty list means the plan is valid.
 */
export function validatePlan(input: PlanInput): string[] {
  const problems: string[] = []
  const levels = [...(input.levels ?? [])].sort((a, b) => a.level - b.level)
  const cap = input.max_payout_percent ?? PLAN_DEFAULTS.max_payout_percent

  if (!levels.length) problems.push("levels: give at least one level")
  if (levels.length > MAX_LEVELS) problems.push(`levels: at most ${MAX_LEVELS} levels`)
  const seen = new Set<number>()
  for (const { level } of levels) {
    if (seen.has(level)) problems.push(`levels: level ${level} appears more than once`)
    seen.add(level)
  }
  const distinct = [...seen].sort((a, b) => a - b)
  distinct.forEach((level, index) => {
    if (level !== index + 1) {
      if (!problems.some((p) => p.startsWith("levels: levels must be 1, 2, 3"))) {
        problems.push(`levels: levels must be 1, 2, 3, ... without gaps; level ${index + 1} is missing`)
      }
    }
  })
  for (const { level, percent } of levels) {
    if (!(percent > 0)) problems.push(`levels: level ${level} percent must be greater than 0`)
    else if (percent > 100) problems.push(`levels: level ${level} percent must be at most 100`)
    if (decimals(percent) > 4) problems.push(`levels: level ${level} percent may have at most 4 decimals`)
  }
  if (!(cap > 0) || cap > 100) problems.push("max_payout_percent: must be greater than 0 and at most 100")
  if (input.hold_days !== undefined && (!Number.isInteger(input.hold_days) || input.hold_days < 0 || input.hold_days > MAX_HOLD_DAYS)) {
    problems.push(`hold_days: must be a whole number of days from 0 to ${MAX_HOLD_DAYS}`)
  }
  problems.push(...activityProblems(input), ...rankProblems(input, levels))
  for (const [currency, minimum] of Object.entries(input.min_payout ?? {})) {
    if (!/^[a-zA-Z]{3}$/.test(currency)) problems.push(`min_payout: "${currency}" is not a 3-letter currency code`)
    else if (!(minimum >= 0)) problems.push(`min_payout.${currency.toLowerCase()}: must be 0 or more`)
    else if (decimals(minimum) > 2) problems.push(`min_payout.${currency.toLowerCase()}: at most 2 decimals`)
  }
  const sum = levels.reduce((total, { percent }) => MathBN.add(total, percent), MathBN.convert(0))
  if (MathBN.gt(sum, cap)) {
    problems.push(`levels: the percents add up to ${sum.toString()}, above max_payout_percent ${cap}`)
  }
  return problems
}

function activityProblems(input: PlanInput): string[] {
  const problems: string[] = []
  if (!input.activity) return problems
  const { min_pv, window_days } = input.activity
  if (!(min_pv >= 0)) problems.push("activity.min_pv: must be 0 or more")
  else if (decimals(min_pv) > 2) problems.push("activity.min_pv: at most 2 decimals")
  if (!Number.isInteger(window_days) || window_days < 1 || window_days > MAX_WINDOW_DAYS) {
    problems.push(`activity.window_days: must be a whole number of days from 1 to ${MAX_WINDOW_DAYS}`)
  }
  return problems
}

/**
 * Ranks are listed lowest first: each asks at least as much as the one below in every minimum and
 * more in at least one, so "the highest rank reached" is well defined. A level's min_rank names one.
 */
function rankProblems(input: PlanInput, levels: PlanInput["levels"]): string[] {
  const problems: string[] = []
  const ranks = input.ranks ?? []
  if (ranks.length > MAX_RANKS) problems.push(`ranks: at most ${MAX_RANKS} ranks`)
  const names = new Set<string>()
  ranks.forEach((rank, index) => {
    const at = `ranks[${index + 1}]`
    const name = rank.name?.trim() ?? ""
    if (!name) problems.push(`${at}.name: give the rank a name`)
    else if (names.has(name.toLowerCase())) problems.push(`${at}.name: "${name}" appears more than once`)
    names.add(name.toLowerCase())
    for (const field of ["min_pv", "min_gv"] as const) {
      if (!(rank[field] >= 0)) problems.push(`${at}.${field}: must be 0 or more`)
      else if (decimals(rank[field]) > 2) problems.push(`${at}.${field}: at most 2 decimals`)
    }
    if (!Number.isInteger(rank.min_active_legs) || rank.min_active_legs < 0) {
      problems.push(`${at}.min_active_legs: must be a whole number, 0 or more`)
    }
    const below = ranks[index - 1]
    if (below) {
      const fields = ["min_pv", "min_gv", "min_active_legs"] as const
      if (fields.some((f) => rank[f] < below[f]) || fields.every((f) => rank[f] === below[f])) {
        problems.push(`${at}: ranks go lowest first; "${name}" must ask at least as much as "${below.name}" in every minimum and more in one`)
      }
    }
  })
  for (const level of levels) {
    if (level.min_rank == null) continue
    if (!ranks.some((r) => r.name.trim() === level.min_rank)) {
      problems.push(`levels: level ${level.level} min_rank "${level.min_rank}" is not one of the plan's ranks`)
    }
  }
  return problems
}

export function planSettings(input: PlanInput): PlanSettings {
  return {
    name: input.name?.trim() || "Compensation plan",
    levels: [...input.levels]
      .sort((a, b) => a.level - b.level)
      .map(({ level, percent, min_rank }) => (min_rank ? { level, percent, min_rank } : { level, percent })),
    max_payout_percent: input.max_payout_percent ?? PLAN_DEFAULTS.max_payout_percent,
    hold_days: input.hold_days ?? PLAN_DEFAULTS.hold_days,
    compression: input.compression ?? PLAN_DEFAULTS.compression,
    retail_profit: input.retail_profit ?? PLAN_DEFAULTS.retail_profit,
    activity: input.activity ?? { ...DEFAULT_ACTIVITY },
    ranks: (input.ranks ?? []).map((r) => ({ ...r, name: r.name.trim() })),
    min_payout: Object.fromEntries(Object.entries(input.min_payout ?? {}).map(([c, v]) => [c.toLowerCase(), v])),
  }
}
