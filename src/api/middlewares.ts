import {
  authenticate,
  defineMiddlewares,
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  StoreCartReferral,
  StoreCommissionsQuery,
  StoreDownlineQuery,
  StoreEnrollDistributor,
  StoreJoinAsMember,
  StoreUpdateStorefront,
  StatementQuery,
  StorePayoutsQuery,
  StorePayoutMethod,
} from "./store/mlm/validators"
import {
  AdminApproveCommissions,
  AdminChangeSponsor,
  AdminCreatePayouts,
  AdminCreatePlan,
  AdminSimulatePlan,
  AdminIncomeDisclosureQuery,
  AdminListCommissionsQuery,
  AdminSetWholesale,
  AdminCorrectAttribution,
  AdminListDistributorsQuery,
  AdminReconcile,
  AdminUpdateDistributor,
  AdminImportNetworkQuery,
  AdminCreateDistributor,
  AdminExportCommissionsQuery,
  AdminListPayoutsQuery,
  AdminPayoutPreviewQuery,
  AdminProductVolume,
  AdminExportPayoutsQuery,
  AdminPayoutStatus,
} from "./admin/mlm/validators"
import multer from "multer"
import { SITE_PHOTO_MAX_BYTES } from "../modules/network/utils/site"

const customerOnly = authenticate("customer", ["session", "bearer"])

/**
 * One file in the multipart field `file`, kept in memory up to `maxBytes`; a refused upload (too
 * large, another field, more files) answers 400 in words.
 */
function singleFileUpload(maxBytes: number, tooLarge: string) {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1 } }).single("file")
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) =>
    upload(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError) {
        const message = error.code === "LIMIT_FILE_SIZE" ? tooLarge : `The upload was refused: ${error.message} (${error.field ?? "file"})`
        res.status(400).json({ type: "invalid_data", message })
        return
      }
      next(error)
    })
}

/** Network imports arrive as a CSV upload (a million rows is about 80 MB). */
const uploadImportFile = singleFileUpload(200 * 1024 * 1024, "The network file is larger than 200 MB")
/** A site photo: at most 2 MB. */
const uploadSitePhoto = singleFileUpload(SITE_PHOTO_MAX_BYTES, "The photo is larger than 2 MB")

// Query validation here only coerces and bounds; the routes pick their own fields.
const plainQuery = { defaults: [] as string[], isList: false }

export default defineMiddlewares({
  routes: [
    {
      method: ["POST"],
      matcher: "/store/mlm/distributors",
      middlewares: [customerOnly, validateAndTransformBody(StoreEnrollDistributor)],
    },
    { method: ["GET"], matcher: "/store/mlm/me", middlewares: [customerOnly] },
    { method: ["GET"], matcher: "/store/mlm/members/me", middlewares: [customerOnly] },
    { method: ["GET"], matcher: "/store/mlm/me/storefront", middlewares: [customerOnly] },
    {
      method: ["POST"],
      matcher: "/store/mlm/me/storefront",
      middlewares: [customerOnly, validateAndTransformBody(StoreUpdateStorefront)],
    },
    { method: ["POST"], matcher: "/store/mlm/me/storefront/photo", middlewares: [customerOnly, uploadSitePhoto] },
    {
      method: ["POST"],
      matcher: "/store/mlm/members",
      middlewares: [customerOnly, validateAndTransformBody(StoreJoinAsMember)],
    },
    { method: ["POST"], matcher: "/admin/mlm/wholesale", middlewares: [validateAndTransformBody(AdminSetWholesale)] },
    {
      method: ["GET"],
      matcher: "/store/mlm/me/downline",
      middlewares: [customerOnly, validateAndTransformQuery(StoreDownlineQuery, plainQuery)],
    },
    {
      method: ["GET"],
      matcher: "/store/mlm/me/commissions",
      middlewares: [customerOnly, validateAndTransformQuery(StoreCommissionsQuery, plainQuery)],
    },
    { method: ["POST"], matcher: "/admin/mlm/plan", middlewares: [validateAndTransformBody(AdminCreatePlan)] },
    { method: ["POST"], matcher: "/admin/mlm/plan/simulate", middlewares: [validateAndTransformBody(AdminSimulatePlan)] },
    {
      method: ["GET"],
      matcher: "/admin/mlm/reports/income-disclosure",
      middlewares: [validateAndTransformQuery(AdminIncomeDisclosureQuery, plainQuery)],
    },
    { method: ["POST"], matcher: "/admin/mlm/products/:id/volume", middlewares: [validateAndTransformBody(AdminProductVolume)] },
    {
      method: ["GET"],
      matcher: "/admin/mlm/commissions",
      middlewares: [validateAndTransformQuery(AdminListCommissionsQuery, plainQuery)],
    },
    {
      method: ["POST"],
      matcher: "/admin/mlm/commissions/approve",
      middlewares: [validateAndTransformBody(AdminApproveCommissions)],
    },
    {
      method: ["GET"],
      matcher: "/admin/mlm/commissions/export",
      middlewares: [validateAndTransformQuery(AdminExportCommissionsQuery, plainQuery)],
    },
    { method: ["POST"], matcher: "/admin/mlm/payouts", middlewares: [validateAndTransformBody(AdminCreatePayouts)] },
    {
      method: ["GET"],
      matcher: "/admin/mlm/payouts",
      middlewares: [validateAndTransformQuery(AdminListPayoutsQuery, plainQuery)],
    },
    {
      method: ["GET"],
      matcher: "/admin/mlm/payouts/preview",
      middlewares: [validateAndTransformQuery(AdminPayoutPreviewQuery, plainQuery)],
    },
    {
      method: ["GET"],
      matcher: "/admin/mlm/payouts/export",
      middlewares: [validateAndTransformQuery(AdminExportPayoutsQuery, plainQuery)],
    },
    { method: ["POST"], matcher: "/admin/mlm/payouts/:id/status", middlewares: [validateAndTransformBody(AdminPayoutStatus)] },
    {
      method: ["GET"],
      matcher: "/admin/mlm/distributors/:id/statement",
      middlewares: [validateAndTransformQuery(StatementQuery, plainQuery)],
    },
    {
      method: ["GET"],
      matcher: "/store/mlm/me/statement",
      middlewares: [customerOnly, validateAndTransformQuery(StatementQuery, plainQuery)],
    },
    {
      method: ["GET"],
      matcher: "/store/mlm/me/payouts",
      middlewares: [customerOnly, validateAndTransformQuery(StorePayoutsQuery, plainQuery)],
    },
    { method: ["GET"], matcher: "/store/mlm/me/payout-method", middlewares: [customerOnly] },
    // Providers verify their webhooks' signatures over the exact bytes sent.
    { method: ["POST"], matcher: "/hooks/mlm/payouts/:provider", bodyParser: { preserveRawBody: true }, middlewares: [] },
    {
      method: ["POST"],
      matcher: "/store/mlm/me/payout-method",
      middlewares: [customerOnly, validateAndTransformBody(StorePayoutMethod)],
    },
    { method: ["POST"], matcher: "/admin/mlm/reconcile", middlewares: [validateAndTransformBody(AdminReconcile)] },
    {
      method: ["POST"],
      matcher: "/store/mlm/carts/:id/referral",
      middlewares: [validateAndTransformBody(StoreCartReferral)],
    },
    {
      method: ["POST"],
      matcher: "/admin/mlm/orders/:id/attribution",
      middlewares: [validateAndTransformBody(AdminCorrectAttribution)],
    },
    {
      method: ["POST"],
      matcher: "/admin/mlm/imports",
      middlewares: [validateAndTransformQuery(AdminImportNetworkQuery, plainQuery), uploadImportFile],
    },
    {
      method: ["GET"],
      matcher: "/admin/mlm/distributors",
      middlewares: [validateAndTransformQuery(AdminListDistributorsQuery, plainQuery)],
    },
    {
      method: ["POST"],
      matcher: "/admin/mlm/distributors",
      middlewares: [validateAndTransformBody(AdminCreateDistributor)],
    },
    {
      method: ["POST"],
      matcher: "/admin/mlm/distributors/:id",
      middlewares: [validateAndTransformBody(AdminUpdateDistributor)],
    },
    {
      method: ["POST"],
      matcher: "/admin/mlm/distributors/:id/sponsor",
      middlewares: [validateAndTransformBody(AdminChangeSponsor)],
    },
  ],
})
