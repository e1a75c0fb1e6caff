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
