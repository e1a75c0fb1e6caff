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

/** A number for JSON answers, in major units; exact for every amount rounded to a minor unit. */
export function toNumber(amount: Parameters<typeof MathBN.convert>[0]): number {
  return MathBN.convert(amount).toNumber()
}
