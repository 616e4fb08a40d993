import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a person keeps up to date about themselves: their names in both languages and a phone. */
export class UserProfile1764000000014 implements MigrationInterface {
  name = 'UserProfile1764000000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN name_zh VARCHAR(100) NULL, ADD COLUMN name_en VARCHAR(100) NULL,
         ADD COLUMN phone VARCHAR(40) NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN name_zh, DROP COLUMN name_en, DROP COLUMN phone');
  }
}
