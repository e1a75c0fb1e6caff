import { z } from "@medusajs/framework/zod"

export const AdminListDistributorsQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    status: z.enum(["active", "inactive", "terminated"]).optional(),
    sponsor_id: z.string().trim().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListDistributorsQueryType = z.infer<typeof AdminListDistributorsQuery>

export const AdminUpdateDistributor = z
  .object({
    status: z.enum(["active", "inactive", "terminated"]).optional(),
    display_name: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .refine((body) => body.status !== undefined || body.display_name !== undefined, {
    message: "Give at least one of status or display_name",
  })
export type AdminUpdateDistributorType = z.infer<typeof AdminUpdateDistributor>

export const AdminChangeSponsor = z
  .object({
    sponsor_id: z.string().trim().min(1).nullable(),
  })
  .strict()
export type AdminChangeSponsorType = z.infer<typeof AdminChangeSponsor>

export const AdminCorrectAttribution = z
  .object({
    handle: z.string({ error: "handle of the distributor to credit is required" }).trim().min(1).max(64),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
export type AdminCorrectAttributionType = z.infer<typeof AdminCorrectAttribution>
