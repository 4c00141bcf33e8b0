import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { SettingsModule } from '../settings';
import { NotesController } from './notes.controller';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';
import { OrganizationLink } from './organization-link.entity';
import { OrganizationNote } from './organization-note.entity';
import { Organization } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

@Module({
  controllers: [NotesController, OrganizationsController],
  exports: [NotesService, OrganizationsService],
  imports: [
    AuditModule,
    SettingsModule,
    TypeOrmModule.forFeature([Organization, OrganizationLink, OrganizationNote]),
  ],
  providers: [NotesRepository, NotesService, OrganizationsRepository, OrganizationsService],
})
export class OrganizationsModule {}
