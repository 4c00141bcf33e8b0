export { AgingBucketsDto, OrganizationBalanceResponseDto } from './dto/organization.dto';
export { NotesService } from './notes.service';
export { Organization } from './organization.entity';
export { OrganizationsModule } from './organizations.module';
export { OrganizationsService } from './organizations.service';
