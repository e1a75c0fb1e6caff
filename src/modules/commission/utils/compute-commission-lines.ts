import { MathBN } from "@medusajs/framework/utils"
import { percentOf, roundToMinorUnit } from "./money"
import type { PlanLevel } from "./plan"
import type { SkipReason } from "../../../types/plan"
import { rankIndex } from "./qualification"

/** What a beneficiary had at the order's moment (PV and GV as exact decimal strings). */
export type BeneficiaryQualification = { pv: string; gv: string; active_legs: number; active: boolean; rank: string | null }

export type Beneficiary = {
  id: string
  handle: string
  status: "active" | "inactive" | "terminated"
  /** frozen at the order's first settlement; absent on snapshots older than volumes (status rules only) */
  qualification?: BeneficiaryQualification
  /** a host app's eligibility hook held this beneficiary back (its words) */
  hold?: string | null
}

export type ComputedLine = {
  level: number
  kind: "commission" | "retail_profit"
  distributor_id: string
  distributor_handle: string
  percent: string
  amount: string
  rounding: string
}

export type SkippedDistributor = SkipReason

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
 * sponsor) followed by their upline. A distributor may not take a level when `ineligibility` says
 * why (status, a host app's hold, not active at the order's moment, rank below the level's
 * min_rank). With compression, they are skipped and the level rolls up to the next eligible one;
 * without it, their level goes unpaid.
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
  /** the plan's activity minimum and rank ladder (names, lowest first) the qualifications were taken with */
  rules?: { min_pv: number; ranks: string[] } | null
  /**
   * Judges a beneficiary's frozen facts under other rules (the plan simulator's draft) instead of
   * the activity and rank frozen with them; called only for the beneficiaries the levels reach.
   */
  judge?: Judge
}): CommissionComputation {
  const basis = MathBN.convert(input.basis)
  const levels = [...input.levels].sort((a, b) => a.level - b.level)
  const lines: ComputedLine[] = []
  const skipped: SkippedDistributor[] = []
  const unpaid: number[] = []
  let cursor = 0

  const why = (candidate: Beneficiary, level: PlanLevel): SkippedDistributor | null =>
    ineligibility(candidate, level, input.rules ?? null, input.judge)
  for (const planLevel of levels) {
    const { level, percent } = planLevel
    let beneficiary: Beneficiary | undefined
    if (input.compression) {
      while (cursor < input.chain.length) {
        const reason = why(input.chain[cursor], planLevel)
        if (!reason) break
        skipped.push(reason)
        cursor++
      }
      beneficiary = input.chain[cursor++]
    } else {
      const candidate = input.chain[level - 1]
      const reason = candidate ? why(candidate, planLevel) : null
      if (reason) skipped.push(reason)
      else beneficiary = candidate
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
 * Why a distributor of the chain may not take a level, or null when they may: status (inactive,
 * terminated), a host app's hold, activity at the order's moment (PV below min_pv), then the
 * level's minimum rank. Rules are checked in that order and the first one that fails is the reason.
 */
export function ineligibility(
  candidate: Beneficiary,
  level: PlanLevel,
  rules: { min_pv: number; ranks: string[] } | null,
  judge?: Judge
): SkippedDistributor | null {
  if (candidate.status !== "active") return { handle: candidate.handle, reason: candidate.status }
  if (candidate.hold) return { handle: candidate.handle, reason: "not_eligible", note: candidate.hold }
  const q = candidate.qualification
  if (!q || !rules) return null
  const { active, rank } = judge ? judge(candidate) : q
  if (!active) return { handle: candidate.handle, reason: "not_active", pv: Number(q.pv), min_pv: rules.min_pv }
  if (level.min_rank && rankIndex(rules.ranks, rank) < rankIndex(rules.ranks, level.min_rank)) {
    return { handle: candidate.handle, reason: "rank_below", rank, min_rank: level.min_rank, level: level.level }
  }
  return null
}

/** Activity and rank of a beneficiary with frozen facts, under some plan's rules. */
export type Judge = (beneficiary: Beneficiary) => { active: boolean; rank: string | null }

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
