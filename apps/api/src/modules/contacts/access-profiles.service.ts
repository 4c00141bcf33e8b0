import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit/audit.service';
import { AccessProfile } from './access-profile.entity';
import {
  AccessProfileListResponseDto,
  AccessProfileResponseDto,
  CreateAccessProfileDto,
  permissionColumns,
  permissionsOf,
  UpdateAccessProfileDto,
} from './dto/access-profile.dto';

@Injectable()
export class AccessProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<AccessProfileListResponseDto> {
    const profiles = await this.dataSource
      .getRepository(AccessProfile)
      .find({ order: { name: 'ASC' } });
    const counts: { id: string; count: number }[] = await this.dataSource.query(
      `SELECT access_profile_id AS id, count(*)::int AS count
         FROM contact_memberships WHERE access_profile_id IS NOT NULL GROUP BY 1`,
    );
    const byId = new Map(counts.map((c) => [c.id, c.count]));
    return { data: profiles.map((profile) => toResponse(profile, byId.get(profile.id) ?? 0)) };
  }

  async create(actor: Actor, dto: CreateAccessProfileDto): Promise<AccessProfileResponseDto> {
    return this.dataSource
      .transaction(async (manager) => {
        const profile = await manager.save(
          manager.create(AccessProfile, { name: dto.name, ...permissionColumns(dto.permissions) }),
        );
        const response = toResponse(profile, 0);
        await this.audit.record(
          actor,
          {
            action: 'access_profile.created',
            after: response,
            entityId: profile.id,
            entityType: 'access_profile',
          },
          manager,
        );
        return response;
      })
      .catch(rethrowDuplicateName);
  }

  async update(
    actor: Actor,
    id: string,
    dto: UpdateAccessProfileDto,
  ): Promise<AccessProfileResponseDto> {
    return this.dataSource
      .transaction(async (manager) => {
        const profile = await this.findOrFail(manager, id);
        const count = await this.contactsCount(manager, id);
        const before = toResponse(profile, count);
        if (dto.name != null) profile.name = dto.name;
        if (dto.permissions) Object.assign(profile, permissionColumns(dto.permissions));
        const after = toResponse(await manager.save(profile), count);
        await this.audit.record(
          actor,
          {
            action: 'access_profile.updated',
            after,
            before,
            entityId: id,
            entityType: 'access_profile',
          },
          manager,
        );
        return after;
      })
      .catch(rethrowDuplicateName);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const profile = await this.findOrFail(manager, id);
      if (profile.isSystem)
        throw AppException.conflict(
          `"${profile.name}" is a built-in profile and cannot be deleted`,
        );
      const count = await this.contactsCount(manager, id);
      if (count > 0) {
        throw AppException.conflict(
          `${count} contact(s) still use "${profile.name}"; give them another profile first`,
        );
      }
      await manager.delete(AccessProfile, id);
      await this.audit.record(
        actor,
        {
          action: 'access_profile.deleted',
          before: toResponse(profile, 0),
          entityId: id,
          entityType: 'access_profile',
        },
        manager,
      );
    });
  }

  /** A profile named in a request body: a missing one is bad input naming the field. */
  async findForField(manager: EntityManager, id: string, field: string): Promise<AccessProfile> {
    const profile = await manager.findOneBy(AccessProfile, { id });
    if (!profile) throw AppException.invalidField(field, 'does not exist');
    return profile;
  }

  private async findOrFail(manager: EntityManager, id: string): Promise<AccessProfile> {
    const profile = await manager.findOne(AccessProfile, {
      lock: { mode: 'pessimistic_write' },
      where: { id },
    });
    if (!profile) throw AppException.notFound('Access profile');
    return profile;
  }

  private async contactsCount(manager: EntityManager, id: string): Promise<number> {
    const [{ count }] = await manager.query(
      'SELECT count(*)::int AS count FROM contact_memberships WHERE access_profile_id = $1',
      [id],
    );
    return count;
  }
}

function toResponse(profile: AccessProfile, contactsCount: number): AccessProfileResponseDto {
  return {
    contactsCount,
    id: profile.id,
    isSystem: profile.isSystem,
    name: profile.name,
    permissions: permissionsOf(profile),
  };
}

function rethrowDuplicateName(error: unknown): never {
  if ((error as { code?: string }).code === '23505') {
    throw AppException.conflict('An access profile with this name already exists', [
      { field: 'name', message: 'is already in use' },
    ]);
  }
  throw error;
}
