import { Logger } from "@medusajs/framework/types"
import { MedusaError, MedusaService } from "@medusajs/framework/utils"
import { MedusaModule } from "@medusajs/framework/modules-sdk"
import { PayoutMethod } from "./models/payout-method"
import { parsePluginOptions, PluginOptions } from "../network/options"
import { stripModuleKeys } from "../network/loaders/validate-options"
import { providerKey } from "./loaders/providers"
import type { PayoutMethodView, PayoutProvider } from "../../types/payout"

export type PayoutMethodDTO = { id: string; distributor_id: string; provider_id: string; details: Record<string, unknown> }

type InjectedDependencies = Record<string, unknown> & { logger?: Logger }

/**
 * Payout providers and the distributors' payout methods. The providers are registered by the
 * module's loader from the plugin options; this service looks them up and keeps each distributor's
 * choice. Payout records themselves live in the commission ledger (a payout marks lines paid in the
 * same transaction), so this module never writes money.
 */
export default class PayoutModuleService extends MedusaService<{ PayoutMethod: { dto: PayoutMethodDTO } }>({ PayoutMethod }) {
  protected readonly options_: PluginOptions["payouts"]
  protected readonly container_: InjectedDependencies

  constructor(container: InjectedDependencies, options?: Record<string, unknown>) {
    // @ts-ignore MedusaService takes the container and the module declaration
    super(...arguments)
    this.container_ = container
    this.options_ = parsePluginOptions(stripModuleKeys(options)).payouts
  }

  /** Start-up checks of the providers against the app, logged where an operator reads them. */
  __hooks = {
    onApplicationStart: async () => {
      for (const id of this.providerIds()) {
        const problem = this.provider(id).checkSetup?.({ isModuleInstalled: (key) => MedusaModule.isInstalled(key) })
        if (problem) this.container_.logger?.warn(`medusa-plugin-mlm: payout provider "${id}": ${problem}`)
      }
    },
  }

  providerIds(): string[] {
    return this.options_.providers.map((p) => p.id)
  }

  defaultProviderId(): string {
    return this.options_.default_provider
  }

  /** The provider registered under `id`; 400 for an id the shop did not enable. */
  provider(id: string): PayoutProvider {
    const key = providerKey(id)
    if (!this.providerIds().includes(id) || !(this.container_ as any)[key]) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Payout provider "${id}" is not enabled; enabled: ${this.providerIds().join(", ")}`
      )
    }
    return (this.container_ as any)[key] as PayoutProvider
  }

  /** Each distributor's method, or the shop's default for those who never chose. */
  async methodsOf(distributorIds: string[]): Promise<Map<string, { provider_id: string; details: Record<string, unknown>; is_default: boolean }>> {
    const chosen = distributorIds.length
      ? await this.listPayoutMethods({ distributor_id: distributorIds }, { take: null })
      : []
    const byId = new Map(chosen.map((m) => [m.distributor_id, { provider_id: m.provider_id, details: m.details ?? {}, is_default: false }]))
    for (const id of distributorIds) {
      if (!byId.has(id)) byId.set(id, { provider_id: this.defaultProviderId(), details: {}, is_default: true })
    }
    return byId
  }

  /** Null when a payout through this method can be made now, else why not. */
  cannotPay(method: { provider_id: string; details: Record<string, unknown> }): string | null {
    if (!this.providerIds().includes(method.provider_id)) {
      return `the chosen payout provider "${method.provider_id}" is no longer enabled by the shop`
    }
    return this.provider(method.provider_id).cannotPay(method.details)
  }

  async viewMethod(distributorId: string): Promise<PayoutMethodView> {
    const method = (await this.methodsOf([distributorId])).get(distributorId)!
    const reason = this.cannotPay(method)
    return {
      provider: method.provider_id,
      details: method.details,
      usable: reason === null,
      reason,
      is_default: method.is_default,
      providers: this.providerIds(),
    }
  }
}

