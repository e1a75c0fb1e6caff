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
import { PluginOptions, parsePluginOptions } from "./options"
import { stripModuleKeys } from "./loaders/validate-options"
import {
  DistributorDTO,
  DownlineMember,
  EnrollDistributorInput,
  TeamCounts,
  UplineMember,
} from "./types"
import { childPath, rootPath, subtreeRange } from "./utils/path"
import {
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

const DISTRIBUTOR_COLUMNS = `id, handle, display_name, status, sponsor_id, customer_id, enrolled_at, path, depth,
  metadata, created_at, updated_at`

type InjectedDependencies = Record<string, unknown>

export default class NetworkModuleService extends MedusaService({ Distributor, NetworkSetting }) {
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
      // FOR SHARE: the sponsor row cannot be deleted or re-pathed until this enrolment commits.
      const [sponsor] = await manager.execute(
        `SELECT id, path, depth, status FROM mlm_distributor WHERE id = ? AND deleted_at IS NULL FOR SHARE`,
        [input.sponsor_id]
      )
      if (!sponsor) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sponsor ${input.sponsor_id} was not found`)
      }
      path = childPath(sponsor.path, id)
      depth = Number(sponsor.depth) + 1
    }

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
      if ((sponsor.path as string).startsWith(node.path)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          "The new sponsor is in this distributor's downline: the move would create a cycle"
        )
      }
      newPath = childPath(sponsor.path, node.id)
    }

    const oldPath: string = node.path
    const depthDelta = newPath.split("/").length - oldPath.split("/").length
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
    const maxDepth = page.maxDepth ?? Number.MAX_SAFE_INTEGER
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
    await manager.execute(
      `DELETE FROM mlm_distributor d WHERE d.id = ?
          AND NOT EXISTS (SELECT 1 FROM mlm_distributor c WHERE c.sponsor_id = d.id)`,
      [id]
    )
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

function toDistributor(row: any): DistributorDTO {
  return {
    ...row,
    depth: Number(row.depth),
    metadata: typeof row.metadata === "string" ? JSON.parse(row.metadata) : row.metadata ?? null,
  }
}
