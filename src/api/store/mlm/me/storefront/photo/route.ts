import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { SITE_PHOTO_TYPES, sitePhotoKind } from "../../../../../../modules/network/utils/site"
import { uploadStorefrontPhotoWorkflow } from "../../../../../../workflows/network/workflows/upload-storefront-photo"
import { requireOwnDistributor, resolveNetwork } from "../../../../../utils/network"
import { storefrontViewOf } from "../../../../../utils/storefront"
import type { JsonOf } from "../../../../../../types/json"
import type { OwnStorefrontAnswer } from "../../../../../../types/store"

/**
 * The logged-in distributor's site photo: a multipart upload (field `file`, JPEG, PNG or WebP, at
 * most 2 MB) stored through Medusa's File module and set as the site's avatar_url. Answers the site
 * as POST /store/mlm/me/storefront does.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<OwnStorefrontAnswer>>) {
  const network = resolveNetwork(req.scope)
  const distributor = await requireOwnDistributor(network, req.auth_context?.actor_id)
  if (distributor.status === "terminated") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "A terminated distributor has no storefront to edit")
  }
  const file = req.file
  if (!file?.buffer.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, "Upload the photo as a JPEG, PNG or WebP image in the multipart field 'file'")
  const kind = sitePhotoKind(file.buffer)
  if (!kind) throw new MedusaError(MedusaError.Types.INVALID_DATA, "The photo must be a JPEG, PNG or WebP image")
  await uploadStorefrontPhotoWorkflow(req.scope).run({
    input: { distributor_id: distributor.id, content: file.buffer.toString("base64"), mime_type: SITE_PHOTO_TYPES[kind], extension: kind === "jpeg" ? "jpg" : kind },
  })
  res.json({ storefront: (await storefrontViewOf(req.scope, network, distributor)).own })
}
