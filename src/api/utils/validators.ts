import { z } from "@medusajs/framework/zod"

import { isSafeText, UNSAFE_TEXT_MESSAGE } from "../../lib/text"

export { isSafeText, UNSAFE_TEXT_MESSAGE }

/** A trimmed single-line text field of 1..max characters without control or bidi-override characters. */
export function safeText(field: string, max: number) {
  return z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine(isSafeText, UNSAFE_TEXT_MESSAGE(field))
}

/** `limit` and `offset` of a paged list, coerced from the query string; spread into a query's object. */
export function paging(maxLimit = 200, defaultLimit = 50) {
  return {
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    offset: z.coerce.number().int().min(0).default(0),
  }
}
