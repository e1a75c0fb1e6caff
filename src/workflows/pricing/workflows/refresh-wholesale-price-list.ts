import { batchPriceListPricesWorkflow, createPriceListsWorkflow, updatePriceListsWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ensureMemberGroupStep } from "../../network/steps/ensure-member-group"
import { loadWholesaleStateStep } from "../steps/load-wholesale-state"
import { saveWholesaleSettingsStep } from "../steps/save-wholesale-settings"
import { wholesalePrices } from "../../../modules/commission/utils/wholesale"
import { acquireLeaseStep } from "../../common/steps/acquire-lease"
import { releaseLeaseStep } from "../../common/steps/release-lease"

export const WHOLESALE_LEASE = "wholesale-price-list"

export const refreshWholesalePriceListWorkflowId = "mlm-refresh-wholesale-price-list"

/**
 * Creates or refreshes the member group's `override` price list: every variant's retail price minus
 * the discount, rounded to the currency's minor unit. Medusa's own pricing then shows members these
 * prices in listings, carts and checkout. Without `discount_percent`, the stored one is used
 * (refresh after a product or price change). Refreshes are serialized by a lease in the database
 * (a bulk product import fires many events at once, handled by several workers; each refresh reads
 * and replaces the whole list). Medusa's locking module is not used: its default provider is in
 * the memory of one process, and a plugin cannot rely on the host configuring Redis or Postgres for it.
 */
export const refreshWholesalePriceListWorkflow = createWorkflow(
  refreshWholesalePriceListWorkflowId,
  (input: { discount_percent?: number }) => {
    const lease = acquireLeaseStep({ name: WHOLESALE_LEASE, timeout_seconds: 60, ttl_seconds: 120 })
    const groupId = ensureMemberGroupStep()
    const state = loadWholesaleStateStep(input)
    const prices = transform({ state }, ({ state }) => wholesalePrices(state.retail, state.discount_percent))

    const created = when({ state }, ({ state }) => !state.price_list_id).then(() =>
      createPriceListsWorkflow.runAsStep({
        input: transform({ prices, groupId, state }, ({ prices, groupId, state }) => ({
          price_lists_data: [
            {
              title: "MLM member prices",
              description: `Wholesale prices for members: ${state.discount_percent}% off retail, kept current by medusa-plugin-mlm`,
              // A sale list: Medusa then returns the retail price as original_price, so a storefront
              // can show a member what they save; the member price is lower, so it is the one charged.
              type: "sale" as any,
              status: "active" as any,
              rules: { "customer.groups.id": [groupId] },
              prices,
            },
          ],
        })),
      })
    )
    when("wholesale-list-was-override", { state }, ({ state }) => !!state.price_list_id && state.price_list_type !== "sale").then(() => {
      updatePriceListsWorkflow.runAsStep({
        input: transform({ state }, ({ state }) => ({ price_lists_data: [{ id: state.price_list_id!, type: "sale" as any }] })),
      })
    })
    when({ state }, ({ state }) => !!state.price_list_id).then(() => {
      batchPriceListPricesWorkflow.runAsStep({
        input: transform({ prices, state }, ({ prices, state }) => ({
          data: { id: state.price_list_id!, create: prices, update: [], delete: state.existing_price_ids },
        })),
      })
    })

    const saved = saveWholesaleSettingsStep(
      transform({ state, created, prices }, ({ state, created, prices }) => ({
        discount_percent: state.discount_percent,
        price_list_id: state.price_list_id ?? (created as any)[0].id,
        price_count: prices.length,
      }))
    )
    releaseLeaseStep(lease)
    return new WorkflowResponse(saved)
  }
)
