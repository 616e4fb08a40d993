import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking keeps the subdistrict of its venue (the one that approves it; venues never move
 * between subdistricts), so scoping bookings to a subdistrict reads the bookings table alone.
 */
export class BookingSubdistrict1764000000012 implements MigrationInterface {
  name = 'BookingSubdistrict1764000000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE bookings ADD COLUMN subdistrict_id BIGINT UNSIGNED NULL');
    await q.query(
      'UPDATE bookings b JOIN venues v ON v.id = b.venue_id SET b.subdistrict_id = v.subdistrict_id',
    );
    await q.query(
      `ALTER TABLE bookings MODIFY subdistrict_id BIGINT UNSIGNED NOT NULL,
         ADD KEY ix_bookings_subdistrict (subdistrict_id, id),
         ADD CONSTRAINT fk_bookings_subdistrict FOREIGN KEY (subdistrict_id) REFERENCES subdistricts (id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE bookings DROP FOREIGN KEY fk_bookings_subdistrict,
         DROP KEY ix_bookings_subdistrict, DROP COLUMN subdistrict_id`,
    );
  }
}
