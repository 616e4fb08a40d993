import { MigrationInterface, QueryRunner } from 'typeorm';

/** When an account's password last changed: tokens issued before then no longer work. */
export class CredentialsChanged1764000000013 implements MigrationInterface {
  name = 'CredentialsChanged1764000000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN credentials_changed_at DATETIME(3) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN credentials_changed_at');
  }
}
