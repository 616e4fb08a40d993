import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ALL_CHANNELS, NotificationChannel } from './notification-enums';
import { NotificationPreferenceEntity } from './notification-preference.entity';

export interface ChannelPreference {
  channel: NotificationChannel;
  enabled: boolean;
}

/**
 * Per-user channel choices. Every channel is on until its user turns it off; critical notices
 * (security, cancellations) ignore the choices.
 */
@Injectable()
export class ChannelPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(userId: string): Promise<ChannelPreference[]> {
    const muted = (await this.mutedFor([userId])).get(userId);
    return ALL_CHANNELS.map((channel) => ({ channel, enabled: !muted?.has(channel) }));
  }

  /** Sets the given channels (others stay as they were), all in one statement. */
  async set(userId: string, choices: ChannelPreference[]): Promise<ChannelPreference[]> {
    if (choices.length) {
      const updatedAt = new Date();
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(NotificationPreferenceEntity)
        .values(choices.map(({ channel, enabled }) => ({ userId, channel, enabled, updatedAt })))
        .orUpdate(['enabled', 'updated_at'], ['user_id', 'channel'])
        .execute();
    }
    return this.of(userId);
  }

  /** The channels each of these users has turned off (users with none are absent). */
  async mutedFor(userIds: string[]): Promise<Map<string, Set<NotificationChannel>>> {
    const muted = new Map<string, Set<NotificationChannel>>();
    if (!userIds.length) return muted;
    const rows = await this.dataSource
      .getRepository(NotificationPreferenceEntity)
      .findBy({ userId: In([...new Set(userIds)]), enabled: false });
    for (const row of rows) {
      const channels = muted.get(row.userId) ?? new Set<NotificationChannel>();
      channels.add(row.channel);
      muted.set(row.userId, channels);
    }
    return muted;
  }
}
