import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks (endpoints users register, one delivery per endpoint and notification, and a
 * log of every attempt), per-user channel preferences, and when each notification was e-mailed.
 */
export class WebhooksAndPreferences1764000000007 implements MigrationInterface {
  name = 'WebhooksAndPreferences1764000000007';

  async up(q: QueryRunner): Promise<void> {
    // When the e-mail went out: a redelivered cause re-queues only what was not yet sent.
    await q.query('ALTER TABLE notifications ADD COLUMN emailed_at DATETIME(3) NULL');
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        owner_id BIGINT UNSIGNED NOT NULL,
        url VARCHAR(2000) NOT NULL,
        description VARCHAR(200) NULL,
        secret VARCHAR(100) NOT NULL,
        active BOOLEAN NOT NULL,
        disabled_reason VARCHAR(300) NULL,
        created_at DATETIME(3) NOT NULL,
        KEY ix_webhook_endpoints_owner (owner_id, active),
        CONSTRAINT fk_webhook_endpoints_owner FOREIGN KEY (owner_id) REFERENCES users (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        endpoint_id BIGINT UNSIGNED NOT NULL,
        notification_id BIGINT UNSIGNED NOT NULL,
        status VARCHAR(20) NOT NULL,
        attempts INT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        delivered_at DATETIME(3) NULL,
        UNIQUE KEY uq_webhook_deliveries_once (endpoint_id, notification_id),
        KEY ix_webhook_deliveries_pending (status, id),
        CONSTRAINT fk_webhook_deliveries_endpoint FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id),
        CONSTRAINT fk_webhook_deliveries_notification FOREIGN KEY (notification_id) REFERENCES notifications (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE webhook_attempts (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        delivery_id BIGINT UNSIGNED NOT NULL,
        attempted_at DATETIME(3) NOT NULL,
        status_code INT NULL,
        error VARCHAR(500) NULL,
        duration_ms INT NOT NULL,
        KEY ix_webhook_attempts_delivery (delivery_id, id),
        CONSTRAINT fk_webhook_attempts_delivery FOREIGN KEY (delivery_id) REFERENCES webhook_deliveries (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id BIGINT UNSIGNED NOT NULL,
        channel VARCHAR(20) NOT NULL,
        enabled BOOLEAN NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (user_id, channel),
        CONSTRAINT fk_notification_preferences_user FOREIGN KEY (user_id) REFERENCES users (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_preferences');
    await q.query('DROP TABLE webhook_attempts');
    await q.query('DROP TABLE webhook_deliveries');
    await q.query('DROP TABLE webhook_endpoints');
    await q.query('ALTER TABLE notifications DROP COLUMN emailed_at');
  }
}
