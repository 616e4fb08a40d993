import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a later notice about the same event replaced this one (it then needs no acknowledgement). */
export class SupersededNotices1764000000019 implements MigrationInterface {
  name = 'SupersededNotices1764000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE notifications ADD COLUMN superseded_at DATETIME(3) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE notifications DROP COLUMN superseded_at');
  }
}
