import { LoaderOptions } from "@medusajs/framework/types"
import { moduleProviderLoader } from "@medusajs/framework/modules-sdk"
import { asFunction, Lifetime } from "@medusajs/framework/awilix"
import { parsePluginOptions } from "../../network/options"
import { stripModuleKeys } from "../../network/loaders/validate-options"
import ManualProvider from "../../../providers/manual"
import StoreCreditProvider from "../../../providers/store-credit"
import StripeConnectProvider from "../../../providers/stripe-connect"

/** Providers that need no `resolve`: the plugin ships them. */
const BUILT_IN: Record<string, unknown> = {
  manual: ManualProvider,
  "store-credit": StoreCreditProvider,
  "stripe-connect": StripeConnectProvider,
}

export const providerKey = (id: string) => `mlm_payout_provider_${id}`

/**
 * Registers the configured payout providers in the module's container, the way Medusa's payment
 * module registers payment providers: `resolve` is a module path (or the module itself) whose default
 * export is `ModuleProvider(...)`; built-in ids need none. Unknown ids fail the start-up clearly.
 */
export default async function payoutProvidersLoader({ container, options }: LoaderOptions) {
  const { payouts } = parsePluginOptions(stripModuleKeys(options as Record<string, unknown>))
  const providers = payouts.providers.map((p) => {
    const resolve = p.resolve ?? BUILT_IN[p.id]
    if (!resolve) {
      throw new Error(
        `medusa-plugin-mlm: payout provider "${p.id}" has no resolve; built-in providers are ${Object.keys(BUILT_IN).join(", ")}`
      )
    }
    return { resolve, id: p.id, options: p.options }
  })
  await moduleProviderLoader({
    container,
    providers: providers as any,
    registerServiceFn: async (klass: any, moduleContainer: any, details: any) => {
      moduleContainer.register({
        [providerKey(details.id)]: asFunction((cradle) => new klass(cradle, details.options ?? {}), {
          lifetime: klass.LIFE_TIME || Lifetime.SINGLETON,
        }),
      })
    },
  })
}
