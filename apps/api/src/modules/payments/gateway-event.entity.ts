import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A webhook event as received; the unique index drops duplicates (gateways redeliver). */
@Entity('gateway_events')
@Index('UQ_gateway_events_gateway_event', ['gateway', 'eventId'], { unique: true })
export class GatewayEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ length: 16 })
  gateway: string;

  @Column({ length: 255 })
  eventId: string;

  @Column({ length: 80 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
