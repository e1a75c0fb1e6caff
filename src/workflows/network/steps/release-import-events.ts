import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { releaseImportEvents } from "../import-events"

export const releaseImportEventsStepId = "release-import-events"

/**
 * The import is written whole: the customer module's announcements of its customers and memberships,
 * kept in the import's own event groups, are sent group by group. The workflow's last write; nothing
 * to take back.
 */
export const releaseImportEventsStep = createStep(
  releaseImportEventsStepId,
  async (input: { event_groups: string[] }, { container }) => {
    await releaseImportEvents(container, input.event_groups)
    return new StepResponse(input.event_groups.length)
  }
)
