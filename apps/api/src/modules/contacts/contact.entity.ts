import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A person at a customer; one contact may belong to several organizations. */
@Entity('contacts')
@Index('UQ_contacts_email', ['email'], { unique: true })
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ length: 100 })
  firstName: string;

  @Column({ length: 100 })
  lastName: string;

  /** Lower-cased: the portal sign-in name. */
  @Column({ length: 254 })
  email: string;

  @Column({ length: 40, nullable: true, type: 'varchar' })
  phone: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
