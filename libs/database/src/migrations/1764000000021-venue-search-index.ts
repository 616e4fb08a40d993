import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The availability search reads every ACTIVE venue big enough for the event: through an index
 * of status and capacity alone, each of those thousands of rows was then read from the table.
 * This one holds every column the search filters on or returns, so it reads the index alone; it
 * starts as the old one did, which it replaces.
 */
export class VenueSearchIndex1764000000021 implements MigrationInterface {
  name = 'VenueSearchIndex1764000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE venues
         ADD KEY ix_venues_search (status, seated_capacity, min_duration_minutes,
           max_duration_minutes, min_notice_hours, max_advance_days, security_level,
           subdistrict_id, standing_capacity, version),
         DROP KEY ix_venues_status_capacity`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE venues ADD KEY ix_venues_status_capacity (status, seated_capacity),
         DROP KEY ix_venues_search`,
    );
  }
}
