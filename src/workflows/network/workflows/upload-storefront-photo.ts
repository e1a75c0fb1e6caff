import { uploadFilesStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveDistributorSiteStep } from "../steps/save-distributor-site"

export const uploadStorefrontPhotoWorkflowId = "mlm-upload-storefront-photo"

export type UploadStorefrontPhotoInput = {
  distributor_id: string
  /** the photo's bytes, base64, already checked to be a JPEG, PNG or WebP image within the size limit */
  content: string
  mime_type: string
  extension: string
}

/**
 * A distributor's site photo, stored through Medusa's File module (the shop's provider: local files,
 * S3, ...) as a public file, then set as the site's avatar_url. Medusa's upload step deletes the file
 * again if saving the site fails.
 */
export const uploadStorefrontPhotoWorkflow = createWorkflow(uploadStorefrontPhotoWorkflowId, (input: UploadStorefrontPhotoInput) => {
  const files = uploadFilesStep(
    transform({ input }, ({ input }) => ({
      files: [{ filename: `mlm-site-${input.distributor_id}.${input.extension}`, mimeType: input.mime_type, content: input.content, access: "public" as const }],
    }))
  )
  const saved = saveDistributorSiteStep(
    transform({ input, files }, ({ input, files }) => ({ distributor_id: input.distributor_id, changes: { avatar_url: files[0].url } }))
  )
  return new WorkflowResponse(saved)
})
