import { Judge, ineligibility } from "./compute-commission-lines"
import { currencyDigits, minorUnitsOf } from "./money"
import type { PlanLevel } from "./plan"
import type { DraftPlan, ReplayOrder } from "./simulation"

/**
 * The simulator's replay of many orders in whole minor units (plain integers) instead of a decimal
 * object per amount: the money rules of `computeCommissionLines` (the same eligibility, compression,
 * half-up rounding to the minor unit and breakage), which a property test pins line for line.
 *
 * Exactness: a level's percent has at most `percentDigits` decimals, so `basis x percent / 100` is a
 * whole number of "fine units" of 10^-(currency digits + 2 + percentDigits) major units. Every figure
 * is computed as an integer of minor or fine units; an order whose figures would leave the safe
 * integer range (2^53), or whose basis or retail margin is not whole minor units, is not replayed here
 * (`replay` answers null) and goes through `computeCommissionLines` instead.
 */

/** One line of a replay, in minor units (zero amounts are left out, as holdings). */
export type MinorLine = { distributor_id: string; handle: string; level: number; earning: "commission" | "retail_profit"; units: number }

export type MinorComputation = {
  basis_units: number
  lines: MinorLine[]
  /** plan amount minus the commission lines, in fine units (`fineDigits`) */
  breakage_fine: number
  retail_profit_unknown: boolean
}

type CompiledLevel = PlanLevel & { scaled: number }

export class MinorReplay {
  /** decimals of the currency's minor unit */
  readonly digits: number
  /** decimals of a fine unit: the currency's, 2 for the percent and the percents' own */
  readonly fineDigits: number
  private readonly levels: CompiledLevel[]
  /** 100 x 10^percentDigits: a percent's scaled integer over this is its share */
  private readonly divisor: number
  private readonly totalScaled: number
  private readonly totalScaledWithoutFirst: number
  private readonly judge: Judge
  private readonly rules: { min_pv: number; ranks: string[] }

  /** `judging`: how the draft judges frozen facts (`draftJudge`) and its rules (`draftRules`) */
  constructor(
    private readonly draft: DraftPlan,
    currency_code: string,
    judging: { judge: Judge; rules: { min_pv: number; ranks: string[] } }
  ) {
    this.digits = currencyDigits(currency_code)
    const percentDigits = Math.max(0, ...draft.levels.map((l) => decimalsOf(l.percent)))
    this.divisor = 100 * 10 ** percentDigits
    this.fineDigits = this.digits + 2 + percentDigits
    this.levels = [...draft.levels]
      .sort((a, b) => a.level - b.level)
      .map((l) => ({ ...l, scaled: minorUnitsOf(String(l.percent), percentDigits) ?? NaN }))
    this.totalScaled = this.levels.reduce((sum, l) => sum + l.scaled, 0)
    this.totalScaledWithoutFirst = this.levels.filter((l) => l.level !== 1).reduce((sum, l) => sum + l.scaled, 0)
    this.judge = judging.judge
    this.rules = judging.rules
  }

  /** What the draft pays on the order, in integers; null when the order's amounts do not fit (see above). */
  replay(order: ReplayOrder): MinorComputation | null {
    const basis = minorUnitsOf(order.basis, this.digits)
    // a percent that is not a plain decimal (NaN scaled) leaves the whole draft to the decimal replay
    if (basis === null || !Number.isSafeInteger(this.totalScaled)) return null
    const earnsRetail = this.draft.retail_profit && order.attribution_source !== "self"
    const retail = earnsRetail && order.retail_margin != null ? minorUnitsOf(order.retail_margin, this.digits) : null
    if (earnsRetail && order.retail_margin != null && retail === null) return null
    // the largest product below: |basis| x the levels' summed scaled percents (every one is smaller)
    if (!Number.isSafeInteger(Math.abs(basis) * this.totalScaled * 2 + this.divisor)) return null

    const chain = order.chain
    const rules = order.rules ? this.rules : null
    const judge = order.rules ? this.judge : undefined
    const lines: MinorLine[] = []
    let paid = 0
    let cursor = 0
    for (const level of this.levels) {
      let who = undefined as (typeof chain)[number] | undefined
      if (this.draft.compression) {
        while (cursor < chain.length && ineligibility(chain[cursor], level, rules, judge)) cursor++
        who = chain[cursor++]
      } else {
        const candidate = chain[level.level - 1]
        if (candidate && !ineligibility(candidate, level, rules, judge)) who = candidate
      }
      if (!who) continue
      if (level.level === 1 && retail !== null) {
        if (retail !== 0) lines.push({ distributor_id: who.id, handle: who.handle, level: 1, earning: "retail_profit", units: retail })
        continue
      }
      const units = roundHalfUp(basis * level.scaled, this.divisor)
      paid += units
      if (units !== 0) lines.push({ distributor_id: who.id, handle: who.handle, level: level.level, earning: "commission", units })
    }
    const planFine = basis * (retail !== null ? this.totalScaledWithoutFirst : this.totalScaled)
    return {
      basis_units: basis,
      lines,
      breakage_fine: planFine - paid * 10 ** (this.fineDigits - this.digits),
      retail_profit_unknown: earnsRetail && order.retail_margin == null,
    }
  }
}

/** n / d rounded half-up (away from zero on a tie), for safe integers with d > 0, without floating point error. */
export function roundHalfUp(n: number, d: number): number {
  const magnitude = Math.abs(n) * 2 + d
  const units = (magnitude - (magnitude % (2 * d))) / (2 * d)
  return n < 0 ? -units : units
}

/** Decimals a number is written with (7.5 -> 1, 10 -> 0); an exponent form reads as no decimals and fails minorUnitsOf. */
function decimalsOf(value: number | string): number {
  return String(value).split(".")[1]?.length ?? 0
}
