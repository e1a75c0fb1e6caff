import { progressRoute } from "../../../../../../utils/progress-route"

/** How far the simulation started with this `progress_key` is: orders replayed of the total, and whether it finished. */
export const GET = progressRoute("simulation")
