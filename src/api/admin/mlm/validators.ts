import { z } from "@medusajs/framework/zod"
import { isSafeText, paging, safeText, UNSAFE_TEXT_MESSAGE } from "../../utils/validators"
import { SITE_FIELDS, SiteField } from "../../../modules/network/types"

export const AdminListDistributorsQuery = z
  .object({
    q: z.string().trim().max(100).refine(isSafeText, UNSAFE_TEXT_MESSAGE("q")).optional(),
    status: z.enum(["active", "inactive", "terminated"]).optional(),
    sponsor_id: z.string().trim().min(1).optional(),
    customer_id: z.string().trim().min(1).optional(),
    top: z
      .string()
      .refine((v) => v === "true" || v === "false", "top must be true or false")
      .transform((v) => v === "true")
      .optional(),
    ...paging(),
  })
  .strict()
export type AdminListDistributorsQueryType = z.infer<typeof AdminListDistributorsQuery>

/** An admin enrols an existing customer (the customer page's "enrol as distributor"). */
export const AdminCreateDistributor = z
  .object({
    customer_id: z.string({ error: "customer_id is required" }).trim().min(1, "customer_id is required"),
    handle: safeText("handle", 64),
    display_name: safeText("display_name", 100).optional(),
    sponsor_handle: safeText("sponsor_handle", 64).nullable().optional(),
  })
  .strict()
export type AdminCreateDistributorType = z.infer<typeof AdminCreateDistributor>

export const AdminUpdateDistributor = z
  .object({
    status: z.enum(["active", "inactive", "terminated"]).optional(),
    display_name: safeText("display_name", 100).optional(),
    hidden_site_fields: z
      // A refinement, not z.enum: Medusa words a wrong enum value as "is required".
      .array(
        z
          .string()
          .refine((field) => (SITE_FIELDS as readonly string[]).includes(field), `hidden_site_fields may hold ${SITE_FIELDS.join(", ")}`)
          .transform((field) => field as SiteField)
      )
      .refine((fields) => new Set(fields).size === fields.length, "hidden_site_fields must not repeat a field")
      .optional(),
  })
  .strict()
  .refine((body) => body.status !== undefined || body.display_name !== undefined || body.hidden_site_fields !== undefined, {
    message: "Give at least one of status, display_name or hidden_site_fields",
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
    handle: safeText("handle", 64),
    reason: safeText("reason", 500).optional(),
  })
  .strict()
export type AdminCorrectAttributionType = z.infer<typeof AdminCorrectAttribution>

export const AdminCreatePlan = z
  .object({
    name: safeText("name", 100).optional(),
    levels: z
      .array(
        z
          .object({
            level: z.number({ error: "level must be a number" }).int("level must be a whole number").min(1).max(50),
            percent: z.number({ error: "percent must be a number" }),
            min_rank: safeText("min_rank", 50).nullable().optional(),
          })
          .strict()
      )
      .min(1, "levels: give at least one level")
      .max(50, "levels: at most 50 levels"),
    max_payout_percent: z.number().optional(),
    hold_days: z
      .number({ error: "hold_days must be a number" })
      .int("hold_days must be a whole number")
      .min(0, "hold_days must be from 0 to 3650")
      .max(3650, "hold_days must be from 0 to 3650")
      .optional(),
    compression: z.boolean().optional(),
    retail_profit: z.boolean().optional(),
    activity: z
      .object({
        min_pv: z.number({ error: "activity.min_pv must be a number" }),
        window_days: z.number({ error: "activity.window_days must be a number" }).default(30),
      })
      .strict()
      .optional(),
    ranks: z
      .array(
        z
          .object({
            name: safeText("ranks[].name", 50),
            min_pv: z.number({ error: "ranks[].min_pv must be a number" }).default(0),
            min_gv: z.number({ error: "ranks[].min_gv must be a number" }).default(0),
            min_active_legs: z.number({ error: "ranks[].min_active_legs must be a number" }).default(0),
          })
          .strict()
      )
      .max(20, "ranks: at most 20 ranks")
      .optional(),
    min_payout: z
      .record(z.string(), z.number({ error: "min_payout values must be numbers (major units, e.g. 50 for 50.00)" }))
      .optional(),
  })
  .strict()
export type AdminCreatePlanType = z.infer<typeof AdminCreatePlan>

const commissionStatus = z.enum(["pending", "approved", "paid", "reversed"])

const currencyCode = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/, `${field} must be a 3-letter ISO code`)

// A refinement, not z.coerce.date: Medusa rewords a failed coercion without the field's rule.
const isoDate = (field: string) =>
  z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), `${field} must be a date (ISO 8601)`)
    .transform((value) => new Date(value))

/** The ledger's filters, shared by the list and the CSV export. `from`/`to` bound created_at, inclusive. */
const ledgerFilters = {
  order_id: z.string().trim().min(1).optional(),
  distributor_id: z.string().trim().min(1).optional(),
  distributor_handle: z.string().trim().toLowerCase().min(1).max(64).optional(),
  payout_id: z.string().trim().min(1).optional(),
  status: commissionStatus.optional(),
  kind: z.enum(["commission", "clawback", "retail_profit", "adjustment"]).optional(),
  currency_code: currencyCode("currency_code").optional(),
  from: isoDate("from").optional(),
  to: isoDate("to").optional(),
}
const fromBeforeTo = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from <= q.to

export const AdminListCommissionsQuery = z
  .object({
    ...ledgerFilters,
    ...paging(),
  })
  .strict()
  .refine(fromBeforeTo, "from must not be after to")
export type AdminListCommissionsQueryType = z.infer<typeof AdminListCommissionsQuery>

export const AdminExportCommissionsQuery = z.object(ledgerFilters).strict().refine(fromBeforeTo, "from must not be after to")
export type AdminExportCommissionsQueryType = z.infer<typeof AdminExportCommissionsQuery>

export const AdminApproveCommissions = z
  .object({
    ids: z.array(z.string().trim().min(1)).max(1000).optional(),
    before: z.coerce.date({ error: "before must be a date (ISO 8601)" }).optional(),
  })
  .strict()
export type AdminApproveCommissionsType = z.infer<typeof AdminApproveCommissions>

export const AdminCreatePayouts = z
  .object({
    currency_code: currencyCode("currency_code"),
    distributor_ids: z.array(z.string().trim().min(1)).max(1000).optional(),
  })
  .strict()
export type AdminCreatePayoutsType = z.infer<typeof AdminCreatePayouts>

export const AdminPayoutPreviewQuery = z.object({ currency_code: currencyCode("currency_code") }).strict()
export type AdminPayoutPreviewQueryType = z.infer<typeof AdminPayoutPreviewQuery>

export const AdminListPayoutsQuery = z
  .object({
    currency_code: currencyCode("currency_code").optional(),
    distributor_id: z.string().trim().min(1).optional(),
    status: z.enum(["pending", "sent", "paid", "failed"], { error: "status must be pending, sent, paid or failed" }).optional(),
    provider_id: z.string().trim().min(1).max(50).optional(),
    ...paging(),
  })
  .strict()
export type AdminListPayoutsQueryType = z.infer<typeof AdminListPayoutsQuery>

export const AdminExportPayoutsQuery = z
  .object({
    // ?ids=a,b or ?ids=a&ids=b
    ids: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((id) => id.trim()).filter(Boolean))
      .refine((ids) => ids.length > 0 && ids.length <= 1000, "ids must list 1 to 1000 payout ids")
      .refine((ids) => ids.every((id) => /^mlmpay_[A-Za-z0-9]+$/.test(id)), "ids must be payout ids (mlmpay_...)")
      .optional(),
  })
  .strict()
export type AdminExportPayoutsQueryType = z.infer<typeof AdminExportPayoutsQuery>

export const AdminPayoutStatus = z
  .object({
    status: z.enum(["paid", "failed"], { error: "status must be paid or failed" }),
    reference: z.string().trim().min(1).max(200).optional(),
    message: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
export type AdminPayoutStatusType = z.infer<typeof AdminPayoutStatus>

export const AdminSetWholesale = z
  .object({
    discount_percent: z
      .number({ error: "discount_percent must be a number from 0 to 100" })
      .min(0, "discount_percent must be from 0 to 100")
      .max(100, "discount_percent must be from 0 to 100")
      .refine((n) => Number.isInteger(n * 10000), "discount_percent may have at most 4 decimals"),
  })
  .strict()
export type AdminSetWholesaleType = z.infer<typeof AdminSetWholesale>

/** Reconciliation takes no input: a body with fields is a mistake worth a 400, not silence. */
export const AdminReconcile = z.object({}).strict()
export type AdminReconcileType = z.infer<typeof AdminReconcile>

/** A long run's progress key (a simulation, an import): 8 to 64 letters, digits, "-" or "_" (a UUID fits). */
export const ProgressKey = z
  .string({ error: "progress_key must be a string" })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "progress_key must be 8 to 64 letters, digits, '-' or '_'")

export const AdminImportNetworkQuery = z
  .object({
    dry_run: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
    /** the caller's name for this run: its progress is readable at GET /admin/mlm/imports/progress/{progress_key} while it runs */
    progress_key: ProgressKey.optional(),
  })
  .strict()
export type AdminImportNetworkQueryType = z.infer<typeof AdminImportNetworkQuery>

/** A product's volume settings; both fields optional, at least one given (POST keeps the other). */
export const AdminProductVolume = z
  .object({
    pv_per_unit: z
      .number({ error: "pv_per_unit must be a number" })
      .refine((v) => v >= 0, { message: "pv_per_unit must be 0 or more" })
      .refine((v) => v <= 1_000_000, { message: "pv_per_unit must be at most 1000000" })
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, {
        message: "pv_per_unit may have at most 2 decimals",
      })
      .optional(),
    commissionable: z.boolean({ error: "commissionable must be true or false" }).optional(),
  })
  .strict()
  .refine((body) => body.pv_per_unit !== undefined || body.commissionable !== undefined, {
    message: "Give pv_per_unit, commissionable or both",
  })
export type AdminProductVolumeType = z.infer<typeof AdminProductVolume>

/** A period's end: a date without a time (2026-03-31) means the end of that UTC day, so both ends are inclusive days. */
const periodEnd = (field: string) =>
  z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), `${field} must be a date (ISO 8601)`)
    .transform((value) => (/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? new Date(Date.parse(value) + 86_400_000 - 1) : new Date(value)))

const MAX_SYNTHETIC_DISTRIBUTORS = 1_000_000
const MAX_SYNTHETIC_ORDERS = 1_000_000

const wholeNumber = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be from ${min} to ${max}`)
    .max(max, `${field} must be from ${min} to ${max}`)

/**
 * The plan simulator: a draft plan (the rules of POST /admin/mlm/plan) on the orders placed from
 * `from` to `to` (inclusive), or on a synthetic network. Exactly one of the two.
 */
export const AdminSimulatePlan = z
  .object({
    plan: AdminCreatePlan,
    from: isoDate("from").optional(),
    to: periodEnd("to").optional(),
    currency_code: currencyCode("currency_code").optional(),
    synthetic: z
      .object({
        distributors: wholeNumber("synthetic.distributors", 1, MAX_SYNTHETIC_DISTRIBUTORS),
        depth: wholeNumber("synthetic.depth", 1, 100),
        orders: wholeNumber("synthetic.orders", 1, MAX_SYNTHETIC_ORDERS),
        average_basis: z
          .number({ error: "synthetic.average_basis must be a number" })
          .gt(0, "synthetic.average_basis must be more than 0")
          .max(1_000_000, "synthetic.average_basis must be at most 1000000"),
        seed: wholeNumber("synthetic.seed", 0, 2 ** 31 - 1).optional(),
      })
      .strict()
      .optional(),
    /** the caller's name for this run: its progress is readable at GET /admin/mlm/plan/simulate/progress/{progress_key} while it runs */
    progress_key: ProgressKey.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const period = body.from !== undefined || body.to !== undefined
    if (body.synthetic && period) ctx.addIssue({ code: "custom", message: "give either from and to (history) or synthetic, not both" })
    else if (!body.synthetic && (body.from === undefined || body.to === undefined)) {
      ctx.addIssue({ code: "custom", message: "give from and to (the orders placed in that period), or synthetic: { distributors, depth, orders, average_basis }" })
    } else if (body.from && body.to && body.from > body.to) ctx.addIssue({ code: "custom", path: ["from"], message: "from must not be after to" })
  })
export type AdminSimulatePlanType = z.infer<typeof AdminSimulatePlan>

/** The income disclosure: a period (default: the 12 months up to now), a currency (default: the period's largest), a format. */
export const AdminIncomeDisclosureQuery = z
  .object({
    from: isoDate("from").optional(),
    to: periodEnd("to").optional(),
    currency: currencyCode("currency").optional(),
    format: z.enum(["json", "csv", "html"], { error: "format must be json, csv or html" }).default("json"),
  })
  .strict()
  .transform((q) => {
    const to = q.to ?? new Date()
    return { format: q.format, currency_code: q.currency, to, from: q.from ?? new Date(to.getTime() - 365 * 86_400_000) }
  })
  .refine((q) => q.from <= q.to, "from must not be after to")
export type AdminIncomeDisclosureQueryType = z.infer<typeof AdminIncomeDisclosureQuery>
