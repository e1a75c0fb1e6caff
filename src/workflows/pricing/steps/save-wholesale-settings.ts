import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { WHOLESALE_SETTINGS } from "./load-wholesale-state"

export const saveWholesaleSettingsStepId = "save-wholesale-settings"

/** Remembers the discount, the price list and when it was refreshed; compensation restores them. */
export const saveWholesaleSettingsStep = createStep(
  saveWholesaleSettingsStepId,
  async (input: { discount_percent: number; price_list_id: string; price_count: number }, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const keys = Object.values(WHOLESALE_SETTINGS)
    const before = Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await network.getSetting(k)])))
    const refreshedAt = new Date().toISOString()
    await network.setSetting(WHOLESALE_SETTINGS.discount, String(input.discount_percent))
    await network.setSetting(WHOLESALE_SETTINGS.priceList, input.price_list_id)
    await network.setSetting(WHOLESALE_SETTINGS.count, String(input.price_count))
    await network.setSetting(WHOLESALE_SETTINGS.refreshedAt, refreshedAt)
    return new StepResponse({ ...input, refreshed_at: refreshedAt }, before)
  },
  async (before, { container }) => {
    if (!before) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    for (const [key, value] of Object.entries(before)) {
      if (value !== null) await network.setSetting(key, value as string)
    }
  }
)
