import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail answers "when was this originally?": each changed field with its old and new
 * value (JSON), and whose step an approver took when the district acted for a subdistrict.
 */
export class AuditChanges1764000000011 implements MigrationInterface {
  name = 'AuditChanges1764000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE booking_audit
         ADD COLUMN changes TEXT NULL,
         ADD COLUMN on_behalf_of VARCHAR(20) NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE booking_audit DROP COLUMN changes, DROP COLUMN on_behalf_of');
  }
}
