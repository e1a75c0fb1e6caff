import { z } from "@medusajs/framework/zod"

export const StoreEnrollDistributor = z
  .object({
    handle: z.string({ error: "handle is required and must be a string" }),
    display_name: z.string().trim().min(1).max(100).optional(),
    sponsor_handle: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
export type StoreEnrollDistributorType = z.infer<typeof StoreEnrollDistributor>

export const StoreDownlineQuery = z
  .object({
    depth: z.coerce.number().int().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type StoreDownlineQueryType = z.infer<typeof StoreDownlineQuery>

export const StoreCartReferral = z
  .object({
    handle: z.string({ error: "handle is required and must be a string" }).trim().min(1).max(64),
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
    sponsor_handle: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
export type StoreJoinAsMemberType = z.infer<typeof StoreJoinAsMember>
