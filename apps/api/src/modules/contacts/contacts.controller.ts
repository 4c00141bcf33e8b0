import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import { ContactsService } from './contacts.service';
import {
  ContactResponseDto,
  CreateContactDto,
  LinkContactDto,
  ListContactsQueryDto,
  NotificationEmailsResponseDto,
  SetNotificationContactsDto,
  UpdateContactDto,
} from './dto/contact.dto';

@ApiTags('contacts')
@Controller()
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get('organizations/:organizationId/contacts')
  @ApiOperation({ summary: "An organization's contacts with their access profile there" })
  @ApiOkResponse({ type: PagedResponseDto(ContactResponseDto) })
  list(@UuidParam('organizationId') organizationId: string, @Query() query: ListContactsQueryDto) {
    return this.contacts.list(organizationId, query);
  }

  @Post('organizations/:organizationId/contacts')
  @ApiOperation({
    summary: 'Add a contact to an organization (an existing contact with that email is linked)',
  })
  @ApiCreatedResponse({ type: ContactResponseDto })
  create(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @Body() dto: CreateContactDto,
  ) {
    return this.contacts.create(auth, organizationId, dto);
  }

  @Patch('organizations/:organizationId/contacts/:contactId')
  @ApiOperation({
    summary:
      'Change a contact, its access profile here (null revokes access) or its notification flag',
  })
  @ApiOkResponse({ type: ContactResponseDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @UuidParam('contactId') contactId: string,
    @Body() dto: UpdateContactDto,
  ) {
    return this.contacts.update(auth, organizationId, contactId, dto);
  }

  @Post('contacts/:contactId/organizations')
  @ApiOperation({ summary: 'Relate a contact to another organization' })
  @ApiCreatedResponse({ type: ContactResponseDto })
  link(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('contactId') contactId: string,
    @Body() dto: LinkContactDto,
  ) {
    return this.contacts.link(auth, contactId, dto);
  }

  @Get('organizations/:organizationId/notification-emails')
  @ApiOperation({
    summary: 'Default notification contacts: automated emails for the organization go to them',
  })
  @ApiOkResponse({ type: NotificationEmailsResponseDto })
  notificationEmails(@UuidParam('organizationId') organizationId: string) {
    return this.contacts.notificationEmails(organizationId);
  }

  @Put('organizations/:organizationId/notification-emails')
  @ApiOperation({
    summary: "Choose the default notification contacts among the organization's contacts",
  })
  @ApiOkResponse({ type: NotificationEmailsResponseDto })
  setNotificationEmails(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @Body() dto: SetNotificationContactsDto,
  ) {
    return this.contacts.setNotificationContacts(auth, organizationId, dto);
  }
}
