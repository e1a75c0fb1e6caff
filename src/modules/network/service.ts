import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { Distributor } from "./models/distributor"
import { NetworkSetting } from "./models/network-setting"
import { CartReferral } from "./models/cart-referral"
import { OrderAttribution } from "./models/order-attribution"
import { CustomerBinding } from "./models/customer-binding"
import { PreferredCustomer } from "./models/preferred-customer"
import { PluginOptions, parsePluginOptions } from "./options"
import { stripModuleKeys } from "./loaders/validate-options"
import {
  CartReferralDTO,
  DistributorDTO,
  DownlineMember,
  NewOrderAttribution,
  OrderAttributionDTO,
  EnrollDistributorInput,
  TeamCounts,
  UplineMember,
} from "./types"
import { childPath, depthOfPath, isInSubtree, rootPath, subtreeRange, uplineIdsFromPath } from "./utils/path"
import { ReferralTouch } from "./utils/attribution"
import {
  FRONTLINE_PAGE_SQL,
  ADJUST_DOWNLINE_COUNTS_SQL,
  LOCK_ANCESTORS_SQL,
  DOWNLINE_COUNT_SQL,
  DOWNLINE_PAGE_SQL,
  MOVE_SUBTREE_SQL,
  PATH_INCONSISTENCIES_SQL,
  TEAM_COUNTS_SQL,
  UPLINE_SQL,
} from "./queries"

/**
 * Genealogy writes take one advisory lock key. Enrolments take it shared (they never conflict with
 * each other: a recruit's path is its sponsor's path plus its own id), a sponsor change takes it
 * exclusive, so no enrolment can read a sponsor path that a concurrent move is rewriting and no move
 * can miss a recruit inserted while it runs.
 */
const GENEALOGY_LOCK_KEY = 7_163_001

/** Touches a cart referral keeps: the first one and the 19 newest. */
export const MAX_CART_TOUCHES = 20

const DISTRIBUTOR_COLUMNS = `id, handle, display_name, status, sponsor_id, customer_id, enrolled_at, path, depth,
  downline_count, metadata, created_at, updated_at`

type InjectedDependencies = Record<string, unknown>

export default class NetworkModuleService extends MedusaService({
  Distributor,
  NetworkSetting,
  CartReferral,
  OrderAttribution,
  CustomerBinding,
  PreferredCustomer,
}) {
  protected readonly options_: PluginOptions

  constructor(container: InjectedDependencies, options?: Record<string, unknown>) {
    // @ts-ignore MedusaService takes the container and the module declaration
    super(...arguments)
    this.options_ = parsePluginOptions(stripModuleKeys(options))
  }

  getPluginOptions(): PluginOptions {
    return this.options_
  }

  @InjectTransactionManager()
  async enrollDistributor(
    input: EnrollDistributorInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DistributorDTO> {
    const manager = sharedContext.transactionManager as any
    await manager.execute(`SELECT pg_advisory_xact_lock_shared(?)`, [GENEALOGY_LOCK_KEY])

    const id = input.id ?? generateEntityId(undefined, "dist")
    let path = rootPath(id)
    let depth = 0
    if (input.sponsor_id) {
      // The shared advisory lock already keeps paths still (moves take it exclusively); the upline's
      // rows are locked below, in id order, for their downline counts.
      const [sponsor] = await manager.execute(
        `SELECT id, path, depth, status FROM mlm_distributor WHERE id = ? AND deleted_at IS NULL`,
        [input.sponsor_id]
      )
      if (!sponsor) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sponsor ${input.sponsor_id} was not found`)
      }
      path = childPath(sponsor.path, id)
      depth = Number(sponsor.depth) + 1
    }

    // Lock the upline before inserting: the insert's foreign-key check then finds the sponsor already
    // locked by this transaction, so enrolments under the same sponsor queue instead of deadlocking.
    const upline = uplineIdsFromPath(path)
    if (upline.length) await manager.execute(LOCK_ANCESTORS_SQL, [upline])
    const [row] = await manager.execute(
      `INSERT INTO mlm_distributor (id, handle, display_name, status, sponsor_id, customer_id, enrolled_at,
         path, depth, metadata, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
       RETURNING ${DISTRIBUTOR_COLUMNS}`,
      [
        id,
        input.handle,
        input.display_name,
        input.status ?? "active",
        input.sponsor_id ?? null,
        input.customer_id,
        input.enrolled_at ?? new Date(),
        path,
        depth,
        input.metadata ? JSON.stringify(input.metadata) : null,
      ]
    )
    await this.adjustDownlineCounts_(manager, upline, 1)
    return toDistributor(row)
  }

  /**
   * Moves a distributor (and its whole subtree) under a new sponsor, or to the top with null.
   * One UPDATE rewrites every path of the subtree; a cycle (new sponsor inside the subtree) is refused.
   */
  @InjectTransactionManager()
  async changeSponsor(
    distributorId: string,
    newSponsorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ distributor: DistributorDTO; previous_sponsor_id: string | null; moved: number }> {
    const manager = sharedContext.transactionManager as any
    await manager.execute(`SELECT pg_advisory_xact_lock(?)`, [GENEALOGY_LOCK_KEY])

    const [node] = await manager.execute(
      `SELECT id, path, depth, sponsor_id FROM mlm_distributor WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [distributorId]
    )
    if (!node) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Distributor ${distributorId} was not found`)
    }
    let newPath = rootPath(node.id)
    if (newSponsorId) {
      if (newSponsorId === node.id) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "A distributor cannot sponsor themself")
      }
      const [sponsor] = await manager.execute(
        `SELECT id, path FROM mlm_distributor WHERE id = ? AND deleted_at IS NULL`,
        [newSponsorId]
      )
      if (!sponsor) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sponsor ${newSponsorId} was not found`)
      }
      if (isInSubtree(sponsor.path, node.path)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          "The new sponsor is in this distributor's downline: the move would create a cycle"
        )
      }
      newPath = childPath(sponsor.path, node.id)
    }

    const oldPath: string = node.path
    const depthDelta = depthOfPath(newPath) - depthOfPath(oldPath)
    const range = subtreeRange(oldPath)
    const moved = await manager.execute(MOVE_SUBTREE_SQL, [
      newPath,
      oldPath.length + 1,
      depthDelta,
      node.id,
      newSponsorId,
      range.from,
      range.to,
    ])
    // The moved subtree leaves its old ancestors' counts and joins the new ones' (shared ones net 0).
    await this.adjustDownlineCounts_(manager, uplineIdsFromPath(oldPath), -moved.length)
    await this.adjustDownlineCounts_(manager, uplineIdsFromPath(newPath), moved.length)
    const distributor = await this.retrieveDistributorRow_(node.id, manager)
    return { distributor, previous_sponsor_id: node.sponsor_id ?? null, moved: moved.length }
  }

  /** The upline of a distributor, nearest sponsor first, in one query over the stored ancestry. */
  @InjectManager()
  async listUpline(distributorId: string, @MedusaContext() sharedContext: Context = {}): Promise<UplineMember[]> {
    const manager = sharedContext.manager as any
    const rows = await manager.execute(UPLINE_SQL, [distributorId])
    return rows.map((row: any) => ({ ...row, depth: Number(row.depth), level: Number(row.level) }))
  }

  /** A page of the downline, up to `maxDepth` levels below, with the total count, by path range. */
  @InjectManager()
  async listDownline(
    distributorId: string,
    page: { maxDepth?: number; limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ members: DownlineMember[]; count: number }> {
    const manager = sharedContext.manager as any
    const root = await this.retrieveDistributorRow_(distributorId, manager)
    const range = subtreeRange(root.path)
    const maxDepth = page.maxDepth ?? 1_000_000 // "no limit" that still fits an integer parameter
    if (maxDepth === 1) {
      const frontline = await manager.execute(FRONTLINE_PAGE_SQL, [root.id, page.limit, page.offset])
      const count = frontline.length ? Number(frontline[0].total) : (await this.countTeams([root.id], sharedContext))[root.id].frontline_count
      return { members: frontline.map(({ total, ...row }: any) => ({ ...row, level: 1 })), count }
    }
    const rows = await manager.execute(DOWNLINE_PAGE_SQL, [
      root.depth,
      range.from,
      range.to,
      root.id,
      root.depth,
      maxDepth,
      page.limit,
      page.offset,
    ])
    let count = rows.length ? Number(rows[0].total) : 0
    if (!rows.length && page.offset > 0) {
      const [row] = await manager.execute(DOWNLINE_COUNT_SQL, [range.from, range.to, root.id, root.depth, maxDepth])
      count = Number(row.total)
    }
    return {
      members: rows.map(({ total, ...row }: any) => ({ ...row, level: Number(row.level) })),
      count,
    }
  }

  /** Frontline and downline counts for many distributors in one query (no per-row queries). */
  @InjectManager()
  async countTeams(
    distributorIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, TeamCounts>> {
    const result: Record<string, TeamCounts> = {}
    if (!distributorIds.length) return result
    const manager = sharedContext.manager as any
    const rows = await manager.execute(TEAM_COUNTS_SQL, [distributorIds])
    for (const row of rows) {
      result[row.id] = {
        frontline_count: Number(row.frontline_count),
        downline_count: Number(row.downline_count),
      }
    }
    return result
  }

  /** Distributors whose sponsor chain disagrees with their stored path: empty when the tree is sound. */
  @InjectManager()
  async findPathInconsistencies(@MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as any
    const rows = await manager.execute(PATH_INCONSISTENCIES_SQL)
    return rows.map((row: any) => row.id)
  }

  @InjectManager()
  async retrieveDistributorByHandle(
    handle: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DistributorDTO | null> {
    const [distributor] = await this.listDistributors({ handle: handle.trim().toLowerCase() }, { take: 1 }, sharedContext)
    return (distributor as unknown as DistributorDTO) ?? null
  }

  @InjectManager()
  async retrieveDistributorByCustomer(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DistributorDTO | null> {
    const [distributor] = await this.listDistributors({ customer_id: customerId }, { take: 1 }, sharedContext)
    return (distributor as unknown as DistributorDTO) ?? null
  }

  /** Removes a distributor that has no downline (compensation of a failed enrolment). */
  @InjectTransactionManager()
  async removeEnrollment(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as any
    await manager.execute(`SELECT pg_advisory_xact_lock_shared(?)`, [GENEALOGY_LOCK_KEY])
    const removed = await manager.execute(
      `DELETE FROM mlm_distributor d WHERE d.id = ?
          AND NOT EXISTS (SELECT 1 FROM mlm_distributor c WHERE c.sponsor_id = d.id)
        RETURNING path`,
      [id]
    )
    if (removed.length) await this.adjustDownlineCounts_(manager, uplineIdsFromPath(removed[0].path), -1)
  }

  @InjectManager()
  async getSetting(key: string, @MedusaContext() sharedContext: Context = {}): Promise<string | null> {
    const [setting] = await this.listNetworkSettings({ key }, { take: 1 }, sharedContext)
    return setting?.value ?? null
  }

  @InjectTransactionManager()
  async setSetting(key: string, value: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as any
    await manager.execute(
      `INSERT INTO mlm_network_setting (id, key, value, created_at, updated_at) VALUES (?, ?, ?, now(), now())
       ON CONFLICT (key) WHERE deleted_at IS NULL DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [generateEntityId(undefined, "mlmset"), key, value]
    )
  }

  /**
   * Records a storefront visit on a cart, atomically (two visits racing cannot lose one). A cart
   * keeps its first touch and its newest ones, MAX_CART_TOUCHES in all (a script cannot grow it
   * without bound); the referral follows the newest (last_touch) or the first (first_touch).
   */
  @InjectTransactionManager()
  async recordCartReferral(
    input: { cart_id: string; distributor_id: string; handle: string; source?: "link" | "admin"; policy: "last_touch" | "first_touch" },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CartReferralDTO> {
    const manager = sharedContext.transactionManager as any
    const touch: ReferralTouch = {
      handle: input.handle,
      distributor_id: input.distributor_id,
      source: input.source ?? "link",
      at: new Date().toISOString(),
    }
    const [row] = await manager.execute(
      `INSERT INTO mlm_cart_referral (id, cart_id, distributor_id, handle, source, touches, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?::jsonb, now(), now())
       ON CONFLICT (cart_id) WHERE deleted_at IS NULL DO UPDATE SET
         touches = (
           SELECT jsonb_agg(t ORDER BY n) FROM jsonb_array_elements(mlm_cart_referral.touches || EXCLUDED.touches)
             WITH ORDINALITY AS all_touches(t, n)
            WHERE n = 1 OR n > jsonb_array_length(mlm_cart_referral.touches || EXCLUDED.touches) - ${MAX_CART_TOUCHES - 1}),
         distributor_id = CASE WHEN ? = 'first_touch' THEN mlm_cart_referral.distributor_id ELSE EXCLUDED.distributor_id END,
         handle = CASE WHEN ? = 'first_touch' THEN mlm_cart_referral.handle ELSE EXCLUDED.handle END,
         source = CASE WHEN ? = 'first_touch' THEN mlm_cart_referral.source ELSE EXCLUDED.source END,
         updated_at = now()
       RETURNING id, cart_id, distributor_id, handle, source, touches, created_at, updated_at`,
      [
        generateEntityId(undefined, "mlmref"),
        input.cart_id,
        input.distributor_id,
        input.handle,
        touch.source,
        JSON.stringify([touch]),
        input.policy,
        input.policy,
        input.policy,
      ]
    )
    return { ...row, touches: parseJson(row.touches) ?? [] }
  }

  /**
   * Writes an order's attribution once. A second call for the same order (a re-delivered event,
   * a second worker) finds the unique index taken and returns the first attribution unchanged.
   */
  @InjectTransactionManager()
  async attributeOrder(
    input: NewOrderAttribution,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ attribution: OrderAttributionDTO; created: boolean }> {
    const manager = sharedContext.transactionManager as any
    const inserted = await manager.execute(
      `INSERT INTO mlm_order_attribution (id, order_id, cart_id, customer_id, distributor_id, source, referral_handle, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, now(), now())
       ON CONFLICT (order_id) WHERE deleted_at IS NULL DO NOTHING
       RETURNING *`,
      [
        generateEntityId(undefined, "mlmattr"),
        input.order_id,
        input.cart_id,
        input.customer_id,
        input.distributor_id,
        input.source,
        input.referral_handle,
      ]
    )
    if (inserted.length) return { attribution: toAttribution(inserted[0]), created: true }
    const [existing] = await manager.execute(
      `SELECT * FROM mlm_order_attribution WHERE order_id = ? AND deleted_at IS NULL`,
      [input.order_id]
    )
    return { attribution: toAttribution(existing), created: false }
  }

  /** Binds a customer to a distributor for life unless already bound; true if this call bound them. */
  @InjectTransactionManager()
  async bindCustomer(
    input: { customer_id: string; distributor_id: string; source: "order" | "enrollment" | "admin"; order_id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const manager = sharedContext.transactionManager as any
    const inserted = await manager.execute(
      `INSERT INTO mlm_customer_binding (id, customer_id, distributor_id, source, order_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, now(), now())
       ON CONFLICT (customer_id) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [generateEntityId(undefined, "mlmbind"), input.customer_id, input.distributor_id, input.source, input.order_id ?? null]
    )
    return inserted.length > 0
  }

  /** An admin's correction: the attribution moves to another distributor and the old state goes to history. */
  @InjectTransactionManager()
  async correctAttribution(
    input: { order_id: string; distributor_id: string; actor_id: string; reason?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ attribution: OrderAttributionDTO; previous: OrderAttributionDTO | null }> {
    const manager = sharedContext.transactionManager as any
    const [current] = await manager.execute(
      `SELECT * FROM mlm_order_attribution WHERE order_id = ? AND deleted_at IS NULL FOR UPDATE`,
      [input.order_id]
    )
    const previous = current ? toAttribution(current) : null
    const entry = {
      at: new Date().toISOString(),
      by: input.actor_id,
      reason: input.reason ?? null,
      from: previous ? { distributor_id: previous.distributor_id, source: previous.source } : null,
      to: { distributor_id: input.distributor_id, source: "admin" },
    }
    const [row] = await manager.execute(
      `INSERT INTO mlm_order_attribution (id, order_id, distributor_id, source, corrected_by, corrected_at, history, created_at, updated_at)
       VALUES (?, ?, ?, 'admin', ?, now(), ?::jsonb, now(), now())
       ON CONFLICT (order_id) WHERE deleted_at IS NULL DO UPDATE SET
         distributor_id = EXCLUDED.distributor_id, source = 'admin', corrected_by = EXCLUDED.corrected_by,
         corrected_at = now(), updated_at = now(),
         history = coalesce(mlm_order_attribution.history, '[]'::jsonb) || EXCLUDED.history
       RETURNING *`,
      [generateEntityId(undefined, "mlmattr"), input.order_id, input.distributor_id, input.actor_id, JSON.stringify([entry])]
    )
    return { attribution: toAttribution(row), previous }
  }

  /** Puts an attribution back as it was (compensation of a correction). */
  @InjectTransactionManager()
  async restoreAttribution(
    order_id: string,
    previous: OrderAttributionDTO | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as any
    if (!previous) {
      await manager.execute(`DELETE FROM mlm_order_attribution WHERE order_id = ?`, [order_id])
      return
    }
    await manager.execute(
      `UPDATE mlm_order_attribution SET distributor_id = ?, source = ?, corrected_by = ?, corrected_at = ?,
              history = ?::jsonb, updated_at = now()
        WHERE order_id = ? AND deleted_at IS NULL`,
      [
        previous.distributor_id,
        previous.source,
        previous.corrected_by,
        previous.corrected_at,
        previous.history ? JSON.stringify(previous.history) : null,
        order_id,
      ]
    )
  }

  private async adjustDownlineCounts_(manager: any, ancestorIds: string[], delta: number): Promise<void> {
    if (!ancestorIds.length || !delta) return
    await manager.execute(LOCK_ANCESTORS_SQL, [ancestorIds])
    await manager.execute(ADJUST_DOWNLINE_COUNTS_SQL, [delta, ancestorIds])
  }

  private async retrieveDistributorRow_(id: string, manager: any): Promise<DistributorDTO> {
    const [row] = await manager.execute(
      `SELECT ${DISTRIBUTOR_COLUMNS} FROM mlm_distributor WHERE id = ? AND deleted_at IS NULL`,
      [id]
    )
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Distributor ${id} was not found`)
    }
    return toDistributor(row)
  }
}

function parseJson(value: unknown) {
  return typeof value === "string" ? JSON.parse(value) : value ?? null
}

function toAttribution(row: any): OrderAttributionDTO {
  return { ...row, history: parseJson(row.history) }
}

function toDistributor(row: any): DistributorDTO {
  return {
    ...row,
    depth: Number(row.depth),
    downline_count: Number(row.downline_count ?? 0),
    metadata: typeof row.metadata === "string" ? JSON.parse(row.metadata) : row.metadata ?? null,
  }
}
