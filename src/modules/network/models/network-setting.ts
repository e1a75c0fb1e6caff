import { model } from "@medusajs/framework/utils"

/** Plugin-owned settings found by a stable key, e.g. the id of the member customer group. */
export const NetworkSetting = model
  .define(
    { name: "network_setting", tableName: "mlm_network_setting" },
    {
      id: model.id({ prefix: "mlmset" }).primaryKey(),
      key: model.text(),
      value: model.text(),
    }
  )
  .indexes([{ on: ["key"], unique: true, where: "deleted_at IS NULL" }])
