// medusa-plugin-mlm's storefront kit with the logged-in customer's token from the starter's cookie
// (server side only: the token cookie is httpOnly). Used by the server actions in ./mlm and by the
// photo upload's route handler.
import { sdk } from "@lib/config"
import { mlm } from "medusa-plugin-mlm/storefront"
import { getAuthHeaders } from "./cookies"

export const mlmKit = () => mlm(sdk, { headers: async () => ({ ...(await getAuthHeaders()) }) })
