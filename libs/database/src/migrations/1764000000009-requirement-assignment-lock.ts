import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A requirement's assignment lock is a write to its row, as for venues and staff members: on a
 * multi-primary cluster only written rows conflict between nodes, so filling the places of one
 * requirement through two nodes cannot exceed its headcount.
 */
export class RequirementAssignmentLock1764000000009 implements MigrationInterface {
  name = 'RequirementAssignmentLock1764000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE staffing_requirements ADD COLUMN assignment_seq BIGINT UNSIGNED NOT NULL DEFAULT 0',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE staffing_requirements DROP COLUMN assignment_seq');
  }
}
