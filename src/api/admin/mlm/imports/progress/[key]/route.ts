import { progressRoute } from "../../../../../utils/progress-route"

/**
 * How far the import started with this `progress_key` is: its phase ("checking", "customers",
 * "distributors", "finished") and the items of that phase done.
 */
export const GET = progressRoute("import")
