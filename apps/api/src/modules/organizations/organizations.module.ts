import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { InvoicesModule } from '../invoices/invoices.module';
import { SettingsModule } from '../settings/settings.module';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';
import { OrganizationLink } from './organization-link.entity';
import { OrganizationNote } from './organization-note.entity';
import { Organization } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  controllers: [NotesController, OrganizationsController],
  exports: [NotesService, OrganizationsService],
  imports: [
    InvoicesModule,
    SettingsModule,
    TypeOrmModule.forFeature([Organization, OrganizationLink, OrganizationNote]),
  ],
  providers: [NotesService, OrganizationsService],
})
export class OrganizationsModule {}
