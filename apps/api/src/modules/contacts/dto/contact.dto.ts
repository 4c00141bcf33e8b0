import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUUID, MaxLength } from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import {
  OptionalField,
  QuerySort,
  ValidateBoolean,
  ValidateEmail,
  ValidateText,
  ValidateUUID,
} from '../../../common/validation';

export class CreateContactDto {
  @ValidateText({ example: 'Leslie', max: 100 })
  firstName: string;

  @ValidateText({ example: 'Knope', max: 100 })
  lastName: string;

  @ValidateEmail()
  email: string;

  @ApiPropertyOptional({ maxLength: 40, nullable: true, type: String })
  @OptionalField({ nullable: true })
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ValidateUUID({
    description: 'Access profile for this organization; omit or null for no access yet',
    nullable: true,
    optional: true,
  })
  accessProfileId?: string | null;

  @ValidateBoolean({ default: false, optional: true })
  isDefaultNotification?: boolean;
}

export class UpdateContactDto {
  @ValidateText({ max: 100, optional: true })
  firstName?: string;

  @ValidateText({ max: 100, optional: true })
  lastName?: string;

  @ApiPropertyOptional({ maxLength: 40, nullable: true, type: String })
  @OptionalField({ nullable: true })
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ValidateUUID({
    description: "The contact's access profile here; null revokes access",
    nullable: true,
    optional: true,
  })
  accessProfileId?: string | null;

  @ValidateBoolean({ optional: true })
  isDefaultNotification?: boolean;
}

export class LinkContactDto {
  @ValidateUUID()
  organizationId: string;

  @ValidateUUID({ nullable: true, optional: true })
  accessProfileId?: string | null;
}

export const CONTACT_SORT_FIELDS = ['name', 'email', 'lastLoginAt'] as const;
export type ContactSortField = (typeof CONTACT_SORT_FIELDS)[number];

export class ListContactsQueryDto extends ListQueryDto {
  @QuerySort(CONTACT_SORT_FIELDS)
  sort?: string;
}

export class ContactOrganizationDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
}

export class ContactResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) accessProfileId: string | null;
  @ApiProperty({ nullable: true, type: String }) accessProfileName: string | null;
  @ApiProperty() isDefaultNotification: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty({ isArray: true, type: ContactOrganizationDto })
  organizations: ContactOrganizationDto[];
}

export class SetNotificationContactsDto {
  @ApiProperty({ format: 'uuid', isArray: true, type: String })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  contactIds: string[];
}

export class NotificationEmailDto {
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'email' }) email: string;
}

export class NotificationEmailsResponseDto {
  @ApiProperty({ isArray: true, type: NotificationEmailDto }) data: NotificationEmailDto[];
}
