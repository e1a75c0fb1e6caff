import { z } from "@medusajs/framework/zod"
import { isSafeText, paging, safeText, UNSAFE_TEXT_MESSAGE } from "../../utils/validators"
import { MAX_FEATURED_PRODUCTS } from "../../../modules/network/types"

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
    /** A member of the asker's team: list below them instead (a lazy tree opens one member at a time). */
    under: z
      .string()
      .trim()
      .toLowerCase()
      .max(64, "under must be a handle of at most 64 characters")
      .regex(/^[a-z0-9-]+$/, "under must be a handle in your team")
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
    ...paging(),
  })
  .strict()
export type StoreCommissionsQueryType = z.infer<typeof StoreCommissionsQuery>

export const StoreJoinAsMember = z
  .object({
    sponsor_handle: safeText("sponsor_handle", 64).optional(),
  })
  .strict()
export type StoreJoinAsMemberType = z.infer<typeof StoreJoinAsMember>

const BIO_MAX = 500
// Line breaks are welcome in a bio; other control and bidi-override characters are not.
const bioText = z
  .string({ error: "bio must be a string" })
  .trim()
  .max(BIO_MAX, `bio must be at most ${BIO_MAX} characters`)
  .refine((bio) => isSafeText(bio.replace(/\r?\n/g, " ")), UNSAFE_TEXT_MESSAGE("bio"))
const webUrl = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), `${field} must be an http(s) URL`)

export const StoreSiteContact = z
  .object({
    email: z.string().trim().max(254).email("contact.email must be an e-mail address").optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ().-]{4,28}[0-9]$/, "contact.phone must be a phone number (digits, spaces, + ( ) . -)")
      .optional(),
    url: webUrl("contact.url", 300).optional(),
  })
  .strict()

export const StoreUpdateStorefront = z
  .object({
    bio: bioText.nullable().optional(),
    avatar_url: webUrl("avatar_url", 500).nullable().optional(),
    contact: StoreSiteContact.nullable().optional(),
    featured_product_ids: z
      .array(z.string().trim().regex(/^prod_[A-Za-z0-9]{1,60}$/, "featured_product_ids must hold product ids (prod_...)"))
      .max(MAX_FEATURED_PRODUCTS, `featured_product_ids holds at most ${MAX_FEATURED_PRODUCTS} products`)
      .refine((ids) => new Set(ids).size === ids.length, "featured_product_ids must not repeat a product")
      .optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: "Give at least one of bio, avatar_url, contact or featured_product_ids",
  })
export type StoreUpdateStorefrontType = z.infer<typeof StoreUpdateStorefront>

export const StatementQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM, e.g. 2026-11")
      .optional(),
    format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
  })
  .strict()
export type StatementQueryType = z.infer<typeof StatementQuery>

export const StorePayoutsQuery = z
  .object({
    ...paging(100, 20),
  })
  .strict()
export type StorePayoutsQueryType = z.infer<typeof StorePayoutsQuery>

export const StorePayoutMethod = z
  .object({
    provider: z.string({ error: "provider is required" }).trim().min(1, "provider is required").max(50),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
export type StorePayoutMethodType = z.infer<typeof StorePayoutMethod>
