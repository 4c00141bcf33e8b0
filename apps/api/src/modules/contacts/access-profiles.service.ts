import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { AccessProfile } from './access-profile.entity';
import { AccessProfilesRepository } from './access-profiles.repository';
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
    private readonly profiles: AccessProfilesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<AccessProfileListResponseDto> {
    const manager = this.dataSource.manager;
    const [profiles, counts] = await Promise.all([
      this.profiles.all(manager),
      this.profiles.contactCounts(manager),
    ]);
    return { data: profiles.map((profile) => toResponse(profile, counts.get(profile.id) ?? 0)) };
  }

  async create(actor: Actor, dto: CreateAccessProfileDto): Promise<AccessProfileResponseDto> {
    return this.dataSource
      .transaction(async (manager) => {
        const profile = await this.profiles.save(manager, {
          name: dto.name,
          ...permissionColumns(dto.permissions),
        });
        const response = toResponse(profile, 0);
        await this.audit.record(manager, actor, {
          action: 'access_profile.created',
          after: response,
          entityId: profile.id,
          entityLabel: profile.name,
          entityType: 'access_profile',
        });
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
        const after = toResponse(await this.profiles.save(manager, profile), count);
        await this.audit.record(manager, actor, {
          action: 'access_profile.updated',
          after,
          before,
          entityId: id,
          entityLabel: after.name,
          entityType: 'access_profile',
        });
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
      if (count > 0)
        throw AppException.conflict(
          `${count} contact(s) still use "${profile.name}"; give them another profile first`,
        );
      await this.profiles.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'access_profile.deleted',
        before: toResponse(profile, 0),
        entityId: id,
        entityLabel: profile.name,
        entityType: 'access_profile',
      });
    });
  }

  /** A profile named in a request body: a missing one is bad input naming the field. */
  async findForField(manager: EntityManager, id: string, field: string): Promise<AccessProfile> {
    const profile = await this.profiles.findById(manager, id);
    if (!profile) throw AppException.invalidField(field, 'does not exist');
    return profile;
  }

  /** Every profile, for demo data that refers to them by name. */
  all(): Promise<AccessProfile[]> {
    return this.profiles.all(this.dataSource.manager);
  }

  private async findOrFail(manager: EntityManager, id: string): Promise<AccessProfile> {
    const profile = await this.profiles.findById(manager, id, { lock: true });
    if (!profile) throw AppException.notFound('Access profile');
    return profile;
  }

  private async contactsCount(manager: EntityManager, id: string): Promise<number> {
    return (await this.profiles.contactCounts(manager, id)).get(id) ?? 0;
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
