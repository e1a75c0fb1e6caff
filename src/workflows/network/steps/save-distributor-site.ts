import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { DistributorSiteDTO } from "../../../modules/network/types"

export type SiteChanges = Partial<Pick<DistributorSiteDTO, "bio" | "avatar_url" | "contact" | "featured_product_ids" | "hidden_fields">>
export type SaveDistributorSiteInput = { distributor_id: string; changes: SiteChanges }

export const saveDistributorSiteStepId = "save-distributor-site"

type SiteUndo = { created_id: string | null; previous: (SiteChanges & { id: string }) | null }

const FIELDS = ["bio", "avatar_url", "contact", "featured_product_ids", "hidden_fields"] as const

/** Creates the distributor's site or changes the given fields. Compensation puts the previous site back. */
export const saveDistributorSiteStep = createStep(
  saveDistributorSiteStepId,
  async ({ distributor_id, changes }: SaveDistributorSiteInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const [before] = await network.listDistributorSites({ distributor_id })
    if (!before) {
      const created = await network.createDistributorSites({ distributor_id, ...changes })
      return new StepResponse<DistributorSiteDTO, SiteUndo>(created, { created_id: created.id, previous: null })
    }
    const previous = Object.fromEntries(FIELDS.map((field) => [field, before[field]])) as SiteChanges
    const updated = await network.updateDistributorSites({ id: before.id, ...changes })
    return new StepResponse<DistributorSiteDTO, SiteUndo>(updated, { created_id: null, previous: { id: before.id, ...previous } })
  },
  async (undo, { container }) => {
    if (!undo) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    if (undo.created_id) await network.deleteDistributorSites(undo.created_id)
    else if (undo.previous) await network.updateDistributorSites(undo.previous)
  }
)
