import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import NetworkModule from "../modules/network"

/**
 * A distributor is one customer. The id lives on the distributor (unique per customer, so one
 * distributor per customer is a database rule); this read-only link lets `query.graph` join them.
 */
export default defineLink(
  { linkable: NetworkModule.linkable.distributor, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
