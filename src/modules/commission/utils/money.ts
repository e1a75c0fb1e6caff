import { MathBN } from "@medusajs/framework/utils"

type BigNumberJS = ReturnType<typeof MathBN.convert>
export type Amount = BigNumberJS

/** Minor-unit digits of currencies that do not have 2 (ISO 4217); everything else has 2. */
const DECIMAL_DIGITS: Record<string, number> = {
  bif: 0, clp: 0, djf: 0, gnf: 0, isk: 0, jpy: 0, kmf: 0, krw: 0, pyg: 0, rwf: 0, ugx: 0, uyi: 0,
  vnd: 0, vuv: 0, xaf: 0, xof: 0, xpf: 0,
  bhd: 3, iqd: 3, jod: 3, kwd: 3, lyd: 3, omr: 3, tnd: 3,
}

export function currencyDigits(currencyCode: string): number {
  return DECIMAL_DIGITS[currencyCode.toLowerCase()] ?? 2
}

const ROUND_HALF_UP = 4 // bignumber.js: away from zero on a tie, so -0.005 -> -0.01 mirrors 0.005 -> 0.01

/** Rounds half-up to the currency's minor unit (JPY 0 decimals, EUR 2, KWD 3). */
export function roundToMinorUnit(amount: Parameters<typeof MathBN.convert>[0], currencyCode: string): Amount {
  return MathBN.convert(amount).decimalPlaces(currencyDigits(currencyCode), ROUND_HALF_UP)
}

/** percent of basis, exact (10 = 10%). */
export function percentOf(basis: Parameters<typeof MathBN.convert>[0], percent: Parameters<typeof MathBN.convert>[0]): Amount {
  return MathBN.div(MathBN.mult(basis, percent), 100)
}

/**
 * value >= min, exactly. Two decimals written with at most 15 significant digits convert to doubles
 * in the same order (the conversion is monotone and tells them apart), and a double compared with
 * one is its own shortest decimal, so short inputs compare as doubles; anything longer by MathBN.
 * (The qualification rules compare PV and GV with thresholds for every beneficiary of every order.)
 */
export function atLeast(value: string | number, min: string | number): boolean {
  const short = (x: string | number) => typeof x === "number" || x.length <= 15
  return short(value) && short(min) ? Number(value) >= Number(min) : MathBN.gte(value, min)
}

/** A number for JSON answers, in major units; exact for every amount rounded to a minor unit. */
export function toNumber(amount: Parameters<typeof MathBN.convert>[0]): number {
  return MathBN.convert(amount).toNumber()
}

/**
 * An amount as a whole number of minor units, read from its decimal string without floating point
 * (exact below 2^53 minor units); null when it has non-zero decimals beyond `digits` or is not a
 * plain decimal. Lines are rounded to the minor unit, so long sums of them can add integers.
 */
export function minorUnitsOf(amount: string, digits: number): number | null {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(amount)
  if (!m) return null
  const [, sign, whole, fraction = ""] = m
  if (fraction.length > digits && /[^0]/.test(fraction.slice(digits))) return null
  const units = Number((whole || "0") + fraction.slice(0, digits).padEnd(digits, "0"))
  if (!Number.isSafeInteger(units)) return null
  return sign && units ? -units : units
}

/**
 * An exact running sum for many amounts: amounts rounded to the minor unit add as integers, anything
 * else (an unrounded breakage) as a decimal, so `value()` is exact either way.
 */
export class ExactSum {
  private minor = 0
  private rest: Amount | null = null
  constructor(private readonly digits: number) {}

  add(amount: string): this {
    const units = minorUnitsOf(amount, this.digits)
    const next = units === null ? null : this.minor + units
    if (next !== null && Number.isSafeInteger(next)) this.minor = next
    else this.rest = (this.rest ?? MathBN.convert(0)).plus(amount)
    return this
  }

  /** Adds a whole number of minor units (a safe integer). */
  addUnits(units: number): this {
    const next = this.minor + units
    if (Number.isSafeInteger(next)) this.minor = next
    else this.rest = (this.rest ?? MathBN.convert(0)).plus(MathBN.div(units, 10 ** this.digits))
    return this
  }

  /** Adds a whole number of units of 10^-digits (a safe integer): the sum's own unit, or a finer one. */
  addScaled(units: number, digits: number): this {
    if (digits === this.digits) return this.addUnits(units)
    this.rest = (this.rest ?? MathBN.convert(0)).plus(MathBN.div(units, 10 ** digits))
    return this
  }

  value(): Amount {
    const whole = MathBN.div(this.minor, 10 ** this.digits)
    return this.rest ? whole.plus(this.rest) : whole
  }
}
