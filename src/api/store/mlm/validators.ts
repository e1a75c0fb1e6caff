import { z } from "@medusajs/framework/zod"
import { safeText } from "../../utils/validators"

/** Downline pages go at most this deep by offset: a bigger team is browsed level by level. */
export const MAX_DOWNLINE_OFFSET = 10_000

export const StoreEnrollDistributor = z
  .object({
    handle: z.string({ error: "handle is required and must be a string" }),
    display_name: safeText("display_name", 100).optional(),
    sponsor_handle: safeText("sponsor_handle", 64).optional(),
  })
  .strict()
export type StoreEnrollDistributorType = z.infer<typeof StoreEnrollDistributor>

export const StoreDownlineQuery = z
  .object({
    depth: z.coerce.number().int().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce
      .number()
      .int()
      .min(0)
      .max(MAX_DOWNLINE_OFFSET, `offset must be at most ${MAX_DOWNLINE_OFFSET}: follow next_cursor instead`)
      .default(0),
    /** The previous page's next_cursor: the next page, as fast however far in. */
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, "cursor must be a next_cursor from a previous page")
      .optional(),
  })
  .strict()
  .refine((q) => !(q.cursor && q.offset), { message: "Use either cursor or offset, not both", path: ["cursor"] })
export type StoreDownlineQueryType = z.infer<typeof StoreDownlineQuery>

export const StoreCartReferral = z
  .object({
    handle: safeText("handle", 64),
  })
  .strict()
export type StoreCartReferralType = z.infer<typeof StoreCartReferral>

export const StoreCommissionsQuery = z
  .object({
    status: z.enum(["pending", "approved", "paid", "reversed"]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type StoreCommissionsQueryType = z.infer<typeof StoreCommissionsQuery>

export const StoreJoinAsMember = z
  .object({
    sponsor_handle: safeText("sponsor_handle", 64).optional(),
  })
  .strict()
export type StoreJoinAsMemberType = z.infer<typeof StoreJoinAsMember>
