import { MathBN } from "@medusajs/framework/utils"
import { roundToMinorUnit } from "./money"

export type RetailPrice = { variant_id: string; currency_code: string; amount: string | number }

/**
 * Wholesale = retail x (1 - discount%), rounded half-up to the currency's minor unit.
 * 20% off 19.99 EUR = 15.992 -> 15.99; 20% off 1,999 JPY = 1,599.2 -> 1,599.
 */
export function wholesalePrices(retail: RetailPrice[], discountPercent: number | string) {
  const keep = MathBN.sub(1, MathBN.div(discountPercent, 100))
  return retail.map((price) => ({
    variant_id: price.variant_id,
    currency_code: price.currency_code,
    amount: roundToMinorUnit(MathBN.mult(price.amount, keep), price.currency_code).toNumber(),
  }))
}
