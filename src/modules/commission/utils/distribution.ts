import { MathBN } from "@medusajs/framework/utils"
import { Amount, roundToMinorUnit } from "./money"

/**
 * How earnings are spread over people (the plan simulator and the income disclosure), as pure rules.
 * - Percentile p (nearest rank): the value at rank ceil(p / 100 x n) of the values sorted ascending
 *   (rank 1 = the smallest). It is always one of the values, so it is exact; max is rank n.
 * - Median: the middle value; for an even count the mean of the two middle values, rounded half-up
 *   to the currency's minor unit.
 * - Mean: total / count, rounded half-up to the currency's minor unit.
 * - A share: part / whole x 100, rounded half-up to 2 decimals (a percent); 0 when the whole is 0.
 */

export const PERCENTILE_DEFINITION =
  "nearest rank: percentile p is the value at rank ceil(p/100 x n) of the values sorted ascending; median: the middle value, or the mean of the two middle values rounded half-up to the minor unit; mean: total / count rounded half-up to the minor unit"

/**
 * Values sorted ascending where most are zero: the people who earned nothing are a count, not a
 * list (a million-member network has few earners), and rank i is read without building the list.
 */
export class SortedEarnings {
  /** the non-zero values sorted ascending, the negative ones first: rank i of them as an amount */
  private readonly nonZeroAt: (i: number) => Amount
  private readonly negatives: number
  private readonly positives: number
  readonly count: number
  readonly total: Amount
  /** how many values are 0: `zeros` plus the zeros among the listed values */
  readonly zeros: number

  /**
   * `values`: one per person (a 0 among them counts as a zero), as amounts, or as whole minor units
   * (safe integers, as a tally of rounded lines holds them: sorted as integers, a value becomes an
   * amount only when a figure reads it); `zeros`: how many more earned 0.
   */
  constructor(values: Iterable<Parameters<typeof MathBN.convert>[0]> | { minor_units: Iterable<number>; digits: number }, zeros: number) {
    if (!("minor_units" in values)) {
      const all = [...values].map((v) => MathBN.convert(v))
      const nonZero = all.filter((v) => !v.isZero())
      nonZero.sort((a, b) => a.comparedTo(b) ?? 0)
      this.nonZeroAt = (i) => nonZero[i]
      this.negatives = nonZero.filter((v) => v.isNegative()).length
      this.positives = nonZero.length - this.negatives
      this.zeros = zeros + (all.length - nonZero.length)
      this.count = this.zeros + nonZero.length
      this.total = nonZero.reduce((sum, v) => sum.plus(v), MathBN.convert(0))
      return
    }
    const all = Float64Array.from(values.minor_units)
    const nonZero = all.filter((u) => u !== 0).sort()
    const scale = 10 ** values.digits
    this.nonZeroAt = (i) => MathBN.div(nonZero[i], scale)
    const firstPositive = nonZero.findIndex((u) => u > 0)
    this.negatives = firstPositive < 0 ? nonZero.length : firstPositive
    this.positives = nonZero.length - this.negatives
    this.zeros = zeros + (all.length - nonZero.length)
    this.count = this.zeros + nonZero.length
    let total = 0
    for (const u of nonZero) {
      total += u
      if (Number.isSafeInteger(total)) continue
      // beyond 2^53 minor units: added again exactly
      total = NaN
      break
    }
    this.total = MathBN.div(Number.isNaN(total) ? nonZero.reduce((sum: Amount, u) => sum.plus(u), MathBN.convert(0)) : total, scale)
  }

  /** how many earned more than 0 */
  get earners(): number {
    return this.positives
  }

  /** the value at 1-based rank r (1..count) */
  at(rank: number): Amount {
    const i = rank - 1
    if (i < this.negatives) return this.nonZeroAt(i)
    if (i < this.negatives + this.zeros) return MathBN.convert(0)
    return this.nonZeroAt(i - this.zeros)
  }

  percentile(p: number): Amount | null {
    if (!this.count) return null
    return this.at(Math.min(this.count, Math.max(1, Math.ceil((p / 100) * this.count))))
  }

  median(currency: string): Amount | null {
    if (!this.count) return null
    const n = this.count
    if (n % 2 === 1) return this.at((n + 1) / 2)
    return roundToMinorUnit(MathBN.div(MathBN.add(this.at(n / 2), this.at(n / 2 + 1)), 2), currency)
  }

  mean(currency: string): Amount | null {
    return this.count ? roundToMinorUnit(MathBN.div(this.total, this.count), currency) : null
  }
}

/** part / whole x 100, rounded half-up to 2 decimals; 0 when whole is 0. */
export function shareOf(part: Parameters<typeof MathBN.convert>[0], whole: Parameters<typeof MathBN.convert>[0]): Amount {
  if (MathBN.eq(whole, 0)) return MathBN.convert(0)
  return MathBN.div(MathBN.mult(part, 100), whole).decimalPlaces(2, 4)
}

export type PercentileKey = `p${number}` | "max"

/** The percentiles named (e.g. [50, 90, 99]) and max, in major units as numbers (null when nobody is counted). */
export function percentiles(sorted: SortedEarnings, ps: number[]): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const p of ps) out[`p${p}`] = sorted.percentile(p)?.toNumber() ?? null
  out.max = sorted.count ? sorted.at(sorted.count).toNumber() : null
  return out
}
