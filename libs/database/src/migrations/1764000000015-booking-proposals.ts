import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change to an approved booking that needs approval is a proposal kept beside the approved
 * place: the approved one stays in force, the proposed one is held for the decision. The index
 * lets conflict checks find proposals at a venue as they find bookings; the
 * approval queue now holds approved bookings' changes too, so it is keyed by the stage.
 */
export class BookingProposals1764000000015 implements MigrationInterface {
  name = 'BookingProposals1764000000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE bookings
         ADD COLUMN change_venue_id BIGINT UNSIGNED NULL,
         ADD COLUMN change_subdistrict_id BIGINT UNSIGNED NULL,
         ADD COLUMN change_starts_at DATETIME(3) NULL,
         ADD COLUMN change_ends_at DATETIME(3) NULL,
         ADD COLUMN change_occupied_from DATETIME(3) NULL,
         ADD COLUMN change_occupied_until DATETIME(3) NULL,
         ADD COLUMN change_requested_at DATETIME(3) NULL,
         ADD KEY ix_bookings_change_slot (change_venue_id, change_occupied_from),
         ADD KEY ix_bookings_change_subdistrict (change_subdistrict_id),
         ADD KEY ix_bookings_awaiting (approval_stage, submitted_at),
         ADD CONSTRAINT fk_bookings_change_venue FOREIGN KEY (change_venue_id) REFERENCES venues (id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE bookings DROP FOREIGN KEY fk_bookings_change_venue,
         DROP KEY ix_bookings_change_slot, DROP KEY ix_bookings_change_subdistrict,
         DROP KEY ix_bookings_awaiting,
         DROP COLUMN change_venue_id, DROP COLUMN change_subdistrict_id,
         DROP COLUMN change_starts_at, DROP COLUMN change_ends_at,
         DROP COLUMN change_occupied_from, DROP COLUMN change_occupied_until,
         DROP COLUMN change_requested_at`,
    );
  }
}
