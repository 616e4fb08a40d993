import { MigrationInterface, QueryRunner } from 'typeorm';

/** The in-app inbox: one row per notification and recipient, unique per delivery key. */
export class Notifications1764000000006 implements MigrationInterface {
  name = 'Notifications1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        recipient_id BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(40) NOT NULL,
        delivery_key VARCHAR(200) NOT NULL,
        booking_id BIGINT UNSIGNED NULL,
        critical BOOLEAN NOT NULL,
        needs_acknowledgement BOOLEAN NOT NULL,
        subject_zh VARCHAR(300) NOT NULL,
        subject_en VARCHAR(300) NOT NULL,
        body_zh TEXT NOT NULL,
        body_en TEXT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        read_at DATETIME(3) NULL,
        acknowledged_at DATETIME(3) NULL,
        UNIQUE KEY uq_notifications_delivery (delivery_key),
        KEY ix_notifications_inbox (recipient_id, id),
        CONSTRAINT fk_notifications_recipient FOREIGN KEY (recipient_id) REFERENCES users (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notifications');
  }
}
