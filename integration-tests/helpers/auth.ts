import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, generateJwtToken } from "@medusajs/framework/utils"

type Headers = { headers: Record<string, string> }

let sequence = 0
export const uniqueEmail = (prefix = "customer") => `${prefix}-${Date.now().toString(36)}-${++sequence}@example.com`

/** An admin user with a bearer token, as the Medusa admin would have after logging in. */
export async function createAdminHeaders(container: MedusaContainer): Promise<Headers> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const user = await userModule.createUsers({ email: uniqueEmail("admin"), first_name: "Ada", last_name: "Admin" })
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: user.email }],
    app_metadata: { user_id: user.id },
  })
  const token = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: authIdentity.id, app_metadata: { user_id: user.id } },
    { secret: config.projectConfig.http.jwtSecret!, expiresIn: "1d" }
  )
  return { headers: { authorization: `Bearer ${token}` } }
}

/** Registers a customer through the real store auth routes and returns a logged-in token. */
export async function registerCustomer(
  api: any,
  storeHeaders: Headers,
  details: { email?: string; first_name?: string; last_name?: string; password?: string } = {}
) {
  const email = details.email ?? uniqueEmail()
  const password = details.password ?? "s3cret-Passw0rd"
  const registration = await api.post("/auth/customer/emailpass/register", { email, password })
  const { data } = await api.post(
    "/store/customers",
    { email, first_name: details.first_name ?? "Test", last_name: details.last_name ?? "Customer" },
    { headers: { ...storeHeaders.headers, authorization: `Bearer ${registration.data.token}` } }
  )
  const login = await api.post("/auth/customer/emailpass", { email, password })
  return {
    customer: data.customer as { id: string; email: string },
    email,
    password,
    headers: { headers: { ...storeHeaders.headers, authorization: `Bearer ${login.data.token}` } },
  }
}
