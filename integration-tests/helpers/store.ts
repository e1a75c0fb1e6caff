import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/** A publishable API key linked to a new sales channel: what every store route needs. */
export async function createPublishableKey(container: MedusaContainer) {
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const salesChannel = await salesChannelModule.createSalesChannels({ name: "Webshop" })
  const apiKey = await apiKeyModule.createApiKeys({ title: "Storefront", type: "publishable", created_by: "test" })
  await link.create({
    [Modules.API_KEY]: { publishable_key_id: apiKey.id },
    [Modules.SALES_CHANNEL]: { sales_channel_id: salesChannel.id },
  })
  return { apiKey, salesChannel, headers: { headers: { "x-publishable-api-key": apiKey.token } } }
}

/** The error answer of a request expected to fail (axios throws on 4xx). */
export async function failure(request: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    await request
  } catch (error: any) {
    if (error?.response) return { status: error.response.status, data: error.response.data }
    throw error
  }
  throw new Error("Expected the request to fail, but it succeeded")
}
