import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { ActiveUsersReader, Locale } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NotificationEntity } from './notification.entity';

/** Sends a notification by e-mail over SMTP, in the recipient's language. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: ActiveUsersReader,
  ) {}

  get enabled(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  /**
   * Sends it unless it went out already; false when there is nothing to send (no such
   * notification, sent before, inactive user). A crash between sending and recording it sends
   * it again, under the same Message-ID.
   */
  async send(notificationId: string): Promise<boolean> {
    const notifications = this.dataSource.getRepository(NotificationEntity);
    const notification = await notifications.findOneBy({ id: notificationId });
    if (!notification || notification.emailedAt) return false;
    const [user] = await this.users.byIds([notification.recipientId]);
    if (!user) return false;
    const chinese = user.locale === Locale.ZH_CN;
    this.transport ??= createTransport(this.config.mail.smtpUrl!);
    await this.transport.sendMail({
      from: this.config.mail.from,
      to: user.email,
      subject: chinese ? notification.subjectZh : notification.subjectEn,
      text: chinese ? notification.bodyZh : notification.bodyEn,
      // Lets mail clients and the recipient's filters recognise a resend of the same notice.
      messageId: `<notification-${notification.id}@venues.dongcheng.local>`,
    });
    await notifications.update({ id: notification.id }, { emailedAt: new Date() });
    return true;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
