import { model } from "@medusajs/framework/utils"

/**
 * A customer enrolled in the network. The sponsor tree is kept twice on purpose:
 * `sponsor_id` (adjacency) is the truth an admin edits, `path` + `depth` (materialized ancestry)
 * answer upline and downline questions with one indexed query. Every write keeps them in step
 * (see NetworkModuleService.enrollDistributor / changeSponsor).
 */
export const Distributor = model
  .define(
    { name: "distributor", tableName: "mlm_distributor" },
    {
      id: model.id({ prefix: "dist" }).primaryKey(),
      // Always stored lower-case, so a plain unique index is case-insensitive uniqueness.
      handle: model.text(),
      display_name: model.text(),
      status: model.enum(["active", "inactive", "terminated"]).default("active"),
      sponsor_id: model.text().nullable(),
      customer_id: model.text(),
      enrolled_at: model.dateTime(),
      // Ancestor ids from the top of the tree down to this distributor, each followed by "/".
      path: model.text(),
      // 0 for a top-level distributor.
      depth: model.number(),
      // Everyone below, maintained by every write (enrol, move, removal) so a team size is a row read.
      downline_count: model.number().default(0),
      metadata: model.json().nullable(),
      // Activity and ranks (maintained by each order's settlement, see NetworkModuleService.applyOrderVolume):
      // the last UTC day number this distributor stays active with the volume known now (null: not active),
      active_until: model.number().nullable(),
      // the latest active_until in their subtree, themself included: a leg is active while it is >= today,
      subtree_active_until: model.number().nullable(),
      // the rank their latest volume change reached, and the highest ever reached (their title).
      rank: model.text().nullable(),
      highest_rank: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["handle"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["sponsor_id"], where: "deleted_at IS NULL" },
    { on: ["status"], where: "deleted_at IS NULL" },
    { on: ["sponsor_id", "subtree_active_until"], where: "deleted_at IS NULL" },
  ])
