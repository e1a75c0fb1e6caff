import { MathBN } from "@medusajs/framework/utils"

import type { PlanInput } from "../../../types/plan"
export type { PlanInput, PlanLevel } from "../../../types/plan"

export type PlanSettings = Required<Omit<PlanInput, "name">> & { name: string }

export const PLAN_DEFAULTS = { max_payout_percent: 50, hold_days: 30, compression: true, retail_profit: false }
export const MAX_LEVELS = 50
/** Ten years: a longer hold is a typo, and it would push hold_until past any sane date. */
export const MAX_HOLD_DAYS = 3650

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
  const sum = levels.reduce((total, { percent }) => MathBN.add(total, percent), MathBN.convert(0))
  if (MathBN.gt(sum, cap)) {
    problems.push(`levels: the percents add up to ${sum.toString()}, above max_payout_percent ${cap}`)
  }
  return problems
}

export function planSettings(input: PlanInput): PlanSettings {
  return {
    name: input.name?.trim() || "Compensation plan",
    levels: [...input.levels].sort((a, b) => a.level - b.level),
    max_payout_percent: input.max_payout_percent ?? PLAN_DEFAULTS.max_payout_percent,
    hold_days: input.hold_days ?? PLAN_DEFAULTS.hold_days,
    compression: input.compression ?? PLAN_DEFAULTS.compression,
    retail_profit: input.retail_profit ?? PLAN_DEFAULTS.retail_profit,
  }
}
