import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Deployment-wide settings, one JSON document per key (`general`, later `gateway`, `email`…). */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ length: 60 })
  key: string;

  @Column({ type: 'jsonb' })
  value: Record<string, unknown>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
