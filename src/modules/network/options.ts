import { z } from "@medusajs/framework/zod"

/**
 * Options of `{ resolve: "medusa-plugin-mlm", options }`. Medusa hands the plugin's options to each
 * of its modules, so the network module validates them when it loads (see loaders/validate-options).
 */
export const pluginOptionsSchema = z
  .object({
    storefront_url_template: z
      .string()
      .refine((value) => value.includes("{handle}"), {
        message: "must contain the placeholder {handle}, e.g. https://shop.example/{handle}",
      })
      .default("https://shop.example/{handle}"),
    member_group_name: z.string().trim().min(1).max(100).default("MLM Members"),
    reserved_handles: z.array(z.string().trim().min(1)).default([]),
    attribution: z
      .object({
        policy: z.enum(["last_touch", "first_touch"]).default("last_touch"),
        lifetime_binding: z.boolean().default(true),
        // A cart's referral counts if its touch is at most this many days old when the order is placed.
        window_days: z.number().int().min(1).max(3650).default(30),
      })
      .prefault({}),
    // When a line's hold period starts: when the order is placed, or when it is fulfilled (return
    // windows start at delivery, so a commission should not mature before the goods arrive).
    mature_from: z.enum(["placed", "fulfilled"]).default("fulfilled"),
    // Orders placed while earlier ones settle are settled together, up to this many per workflow
    // run, sharing its reads (src/lib/group-commit.ts). 1 settles every order in its own runs.
    placed_order_batch: z.number().int().min(1).max(100).default(20),
    payouts: z
      .object({
        // Payout providers, like Medusa's payment providers. Built-in ids (`manual`, `store-credit`,
        // `stripe-connect`) need no `resolve`; a host app's own provider gives a module path.
        providers: z
          .array(
            z
              .object({
                id: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]*$/, "lowercase letters, digits, - and _"),
                resolve: z.union([z.string().trim().min(1), z.record(z.string(), z.any())]).optional(),
                options: z.record(z.string(), z.any()).default({}),
              })
              .strict()
          )
          .default([{ id: "manual", options: {} }])
          .refine((list) => new Set(list.map((p) => p.id)).size === list.length, { message: "provider ids must be unique" }),
        // The provider a distributor is paid through until they choose one.
        default_provider: z.string().trim().min(1).default("manual"),
      })
      .strict()
      .prefault({})
      .refine((p) => p.providers.some((provider) => provider.id === p.default_provider), {
        message: "default_provider must be one of the configured providers",
        path: ["default_provider"],
      }),
    simulation: z
      .object({
        // The plan simulator warns when a draft would pay more than this share of revenue (percent).
        warn_payout_percent: z.number().gt(0).max(100).nullable().default(null),
      })
      .strict()
      .prefault({}),
  })
  .strict()

export type PluginOptionsInput = z.input<typeof pluginOptionsSchema>
export type PluginOptions = z.output<typeof pluginOptionsSchema>

export function parsePluginOptions(input: unknown): PluginOptions {
  const result = pluginOptionsSchema.safeParse(input ?? {})
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`)
      .join("; ")
    throw new Error(`medusa-plugin-mlm: invalid plugin options: ${problems}`)
  }
  return result.data
}

export function storefrontUrl(template: string, handle: string): string {
  return template.split("{handle}").join(encodeURIComponent(handle))
}
