import { MathBN } from "@medusajs/framework/utils"
import { percentOf, roundToMinorUnit } from "./money"
import type { PlanLevel } from "./plan"

export type Beneficiary = { id: string; handle: string; status: "active" | "inactive" | "terminated" }

export type ComputedLine = {
  level: number
  kind: "commission" | "retail_profit"
  distributor_id: string
  distributor_handle: string
  percent: string
  amount: string
  rounding: string
}

export type SkippedDistributor = { handle: string; reason: "inactive" | "terminated" }

export type CommissionComputation = {
  basis: string
  currency_code: string
  /** sum of the plan's percents x basis, unrounded (without level 1 when it earns retail profit) */
  plan_amount: string
  /** retail minus wholesale of the items, earned by level 1 instead of its percent (retail_profit plans) */
  retail_profit: string | null
  lines: ComputedLine[]
  /** plan_amount - sum(lines): unearned levels (top of tree, no one eligible) and rounding */
  breakage: string
  unpaid_levels: number[]
  skipped: SkippedDistributor[]
  upline: string[]
}

/**
 * The money rules of DESIGN.md as one pure function.
 * `chain` is level 1 first: the attributed distributor (or, for a distributor's own order, their
 * sponsor) followed by their upline. With compression, inactive and terminated distributors are
 * skipped and the level rolls up to the next eligible one; without it, their level goes unpaid.
 * Terminated distributors are never paid. Each line is rounded half-up to the currency's minor unit;
 * what the plan would pay but nobody earns, rounding included, is breakage, so
 * percent lines + breakage = plan percents x basis, exactly (a retail profit line is outside it).
 */
export function computeCommissionLines(input: {
  basis: string | number
  currency_code: string
  levels: PlanLevel[]
  compression: boolean
  chain: Beneficiary[]
  /**
   * A retail order through a distributor with the plan's retail_profit on: level 1 earns this
   * (retail - wholesale of the items, already in minor units) instead of its percent.
   */
  retailProfit?: string | null
}): CommissionComputation {
  const basis = MathBN.convert(input.basis)
  const levels = [...input.levels].sort((a, b) => a.level - b.level)
  const lines: ComputedLine[] = []
  const skipped: SkippedDistributor[] = []
  const unpaid: number[] = []
  let cursor = 0

  for (const { level, percent } of levels) {
    let beneficiary: Beneficiary | undefined
    if (input.compression) {
      while (cursor < input.chain.length && input.chain[cursor].status !== "active") {
        const passed = input.chain[cursor]
        skipped.push({ handle: passed.handle, reason: passed.status as "inactive" | "terminated" })
        cursor++
      }
      beneficiary = input.chain[cursor++]
    } else {
      const candidate = input.chain[level - 1]
      if (candidate && candidate.status !== "active") {
        skipped.push({ handle: candidate.handle, reason: candidate.status as "inactive" | "terminated" })
      } else {
        beneficiary = candidate
      }
    }
    if (!beneficiary) {
      unpaid.push(level)
      continue
    }
    if (level === 1 && input.retailProfit != null) {
      lines.push({
        level,
        kind: "retail_profit",
        distributor_id: beneficiary.id,
        distributor_handle: beneficiary.handle,
        percent: "0",
        amount: roundToMinorUnit(input.retailProfit, input.currency_code).toString(),
        rounding: "0",
      })
      continue
    }
    const exact = percentOf(basis, percent)
    const amount = roundToMinorUnit(exact, input.currency_code)
    lines.push({
      level,
      kind: "commission",
      distributor_id: beneficiary.id,
      distributor_handle: beneficiary.handle,
      percent: MathBN.convert(percent).toString(),
      amount: amount.toString(),
      rounding: MathBN.sub(amount, exact).toString(),
    })
  }

  const percentLevels = input.retailProfit != null ? levels.filter((l) => l.level !== 1) : levels
  const totalPercent = percentLevels.reduce((sum, { percent }) => MathBN.add(sum, percent), MathBN.convert(0))
  const planAmount = percentOf(basis, totalPercent)
  const paid = lines
    .filter((line) => line.kind === "commission")
    .reduce((sum, line) => MathBN.add(sum, line.amount), MathBN.convert(0))
  return {
    basis: basis.toString(),
    currency_code: input.currency_code,
    plan_amount: planAmount.toString(),
    retail_profit: input.retailProfit != null ? roundToMinorUnit(input.retailProfit, input.currency_code).toString() : null,
    lines,
    breakage: MathBN.sub(planAmount, paid).toString(),
    unpaid_levels: unpaid,
    skipped,
    upline: input.chain.map((b) => b.handle),
  }
}

/**
 * How much of each line to claw back so that what stays earned is `remaining` (0..1) of it.
 * `clawedSoFar` is the (negative) sum of earlier clawbacks of the line. Never returns more than
 * what is left, never a positive amount: a clawback only takes back.
 */
export function clawbackAmount(input: {
  amount: string
  clawedSoFar: string
  remaining: string | number
  currency_code: string
}): string {
  const target = roundToMinorUnit(MathBN.mult(input.amount, input.remaining), input.currency_code)
  const current = MathBN.add(input.amount, input.clawedSoFar)
  const delta = MathBN.sub(target, current)
  if (MathBN.gte(delta, 0)) return "0"
  return MathBN.max(delta, MathBN.mult(current, -1)).toString()
}
