import { Module } from "@medusajs/framework/utils"
import NetworkModuleService from "./service"
import validateOptionsLoader from "./loaders/validate-options"

export const NETWORK_MODULE = "mlmNetwork"

export default Module(NETWORK_MODULE, {
  service: NetworkModuleService,
  loaders: [validateOptionsLoader],
})

export { NetworkModuleService }
export * from "./types"
