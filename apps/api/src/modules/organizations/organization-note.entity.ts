import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Internal notes staff leave on an organization; edits are kept in the audit log. */
@Entity('organization_notes')
@Index('IDX_organization_notes_organization_created', ['organizationId', 'createdAt'])
export class OrganizationNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column({ nullable: true, type: 'uuid' })
  authorId: string | null;

  @Column({ length: 254 })
  authorName: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
