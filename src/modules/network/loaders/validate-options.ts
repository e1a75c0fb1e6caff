import { LoaderOptions } from "@medusajs/framework/types"
import { parsePluginOptions } from "../options"

/** Fails the start-up with a clear message instead of misbehaving on the first request. */
export default async function validateOptionsLoader({ options }: LoaderOptions) {
  parsePluginOptions(stripModuleKeys(options))
}

/** Medusa may add its own keys (e.g. `database`) to a module's options; they are not ours. */
export function stripModuleKeys(options: Record<string, unknown> | undefined) {
  const { database, ...rest } = (options ?? {}) as Record<string, unknown>
  return rest
}
