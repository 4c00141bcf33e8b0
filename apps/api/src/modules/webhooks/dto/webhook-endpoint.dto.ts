import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import {
  OptionalField,
  ValidateBoolean,
  ValidateEnum,
  ValidateText,
} from '../../../common/validation';
import { WEBHOOK_DELIVERY_STATUSES, WebhookDeliveryStatus } from '../webhook-delivery.entity';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '../webhook-events';

function EndpointUrl(options: { optional: boolean }) {
  const doc = {
    description:
      'Where events are POSTed: an https URL (http is accepted for local testing). Private and loopback addresses are refused unless SETTLE_WEBHOOKS_ALLOW_PRIVATE=true',
    example: 'https://hooks.example.com/settle',
    maxLength: 2000,
    type: String,
  };
  return (target: object, key: string) => {
    (options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc))(target, key);
    if (options.optional) OptionalField()(target, key);
    IsString({ message: 'must be an http(s) URL' })(target, key);
    MaxLength(2000)(target, key);
    IsUrl(
      { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
      { message: 'must be an http(s) URL' },
    )(target, key);
  };
}

function EventTypes(options: { optional: boolean }) {
  const doc = {
    description: 'The event types sent to this endpoint',
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
  };
  return (target: object, key: string) => {
    (options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc))(target, key);
    if (options.optional) OptionalField()(target, key);
    IsArray({ message: 'must be a list of event types' })(target, key);
    ArrayMinSize(1, { message: 'must name at least one event type' })(target, key);
    ArrayMaxSize(WEBHOOK_EVENT_TYPES.length, {
      message: `must name at most ${WEBHOOK_EVENT_TYPES.length} event types`,
    })(target, key);
    IsIn(WEBHOOK_EVENT_TYPES, {
      each: true,
      message: `must be event types among: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    })(target, key);
  };
}

export class CreateWebhookEndpointDto {
  @EndpointUrl({ optional: false })
  url: string;

  @EventTypes({ optional: false })
  events: WebhookEventType[];

  @ValidateText({ description: 'What the endpoint is for', max: 200, min: 0, optional: true })
  description?: string;
}

export class UpdateWebhookEndpointDto {
  @EndpointUrl({ optional: true })
  url?: string;

  @EventTypes({ optional: true })
  events?: WebhookEventType[];

  @ValidateText({ description: 'What the endpoint is for', max: 200, min: 0, optional: true })
  description?: string;

  @ValidateBoolean({
    description: 'false pauses deliveries; true resumes them (and re-enables a disabled endpoint)',
    optional: true,
  })
  enabled?: boolean;
}

export class WebhookEndpointResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true })
  events: WebhookEventType[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({
    description: 'Why Settle disabled it (it failed for three days), or null',
    nullable: true,
    type: String,
  })
  disabledReason: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabledAt: string | null;
  @ApiProperty({
    description: 'Failing since this time (no 2xx since), or null while healthy',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  failingSince: string | null;
  @ApiProperty({ description: 'Deliveries waiting to be sent or retried', type: 'integer' })
  waitingDeliveries: number;
  @ApiProperty({ description: 'Deliveries that failed for good', type: 'integer' })
  failedDeliveries: number;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreatedWebhookEndpointResponseDto extends WebhookEndpointResponseDto {
  @ApiProperty({
    description:
      'The signing secret, shown this once: verify Settle-Signature (t=<unix>,v1=<hex HMAC-SHA256 of "t.body">) with it',
    example: 'whsec_…',
  })
  secret: string;
}

export class WebhookSecretResponseDto {
  @ApiProperty({ description: 'The new signing secret, shown this once', example: 'whsec_…' })
  secret: string;
}

export class ListWebhookDeliveriesQueryDto extends ListQueryDto {
  @ValidateEnum(WEBHOOK_DELIVERY_STATUSES, { enumName: 'WebhookDeliveryStatus', optional: true })
  status?: WebhookDeliveryStatus;
}

export class WebhookDeliveryResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) endpointId: string;
  @ApiProperty({ description: 'The event id in the payload', example: 'evt_1042' }) eventId: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType' })
  eventType: WebhookEventType;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' })
  status: WebhookDeliveryStatus;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({
    description: 'When the next attempt is due (pending or delivering), or null',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) lastResponseStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WebhookAttemptDto {
  @ApiProperty({ format: 'date-time' }) attemptedAt: string;
  @ApiProperty({ additionalProperties: { type: 'string' }, type: 'object' })
  requestHeaders: Record<string, string>;
  @ApiProperty({ nullable: true, type: 'integer' }) responseStatus: number | null;
  @ApiProperty({
    description: 'The first 2,000 characters of the answer',
    nullable: true,
    type: String,
  })
  responseBody: string | null;
  @ApiProperty({ description: 'Why no answer came', nullable: true, type: String })
  error: string | null;
  @ApiProperty({ type: 'integer' }) durationMs: number;
}

export class WebhookDeliveryDetailDto extends WebhookDeliveryResponseDto {
  @ApiProperty({ description: 'The JSON body sent on every attempt' }) requestBody: string;
  @ApiProperty({ description: 'Attempts, newest first (the last 50)', type: [WebhookAttemptDto] })
  attemptLog: WebhookAttemptDto[];
}
