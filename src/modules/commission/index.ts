import { Module } from "@medusajs/framework/utils"
import CommissionModuleService from "./service"

export const COMMISSION_MODULE = "mlmCommission"

export default Module(COMMISSION_MODULE, { service: CommissionModuleService })

export { CommissionModuleService }
export * from "./types"
