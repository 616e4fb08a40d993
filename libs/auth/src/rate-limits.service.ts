import { Inject, Injectable, Logger } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { Message } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { REDIS, RedisClient } from '@app/database';
import { AuthError, AuthErrorCode } from './auth.errors';
import { authMessages } from './auth.messages';

const LONGEST_LOGIN_WAIT_SECONDS = 15 * 60;

/**
 * Abuse limits, counted in Redis so that they hold across API instances. While Redis is away
 * each instance counts in memory instead: the limits hold roughly and the API keeps answering.
 */
@Injectable()
export class RateLimitsService {
  private readonly logger = new Logger(RateLimitsService.name);
  private readonly userMutations: RateLimiterRedis;
  private readonly ipMutations: RateLimiterRedis;
  private readonly ipLogins: RateLimiterRedis;
  /** Failed sign-ins per e-mail and address, forgotten a day after the last one. */
  private readonly loginFailures: RateLimiterRedis;
  /** The wait a run of failures has earned. */
  private readonly loginWaits: RateLimiterRedis;

  constructor(
    @Inject(REDIS) redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const counter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.redis.queuePrefix}:limit:${name}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    const { limits } = config;
    this.userMutations = counter('user-mutations', limits.userMutationsPerMinute, 60);
    this.ipMutations = counter('ip-mutations', limits.ipMutationsPerMinute, 60);
    this.ipLogins = counter('ip-logins', limits.ipLoginsPerMinute, 60);
    this.loginFailures = counter('login-failures', 1_000_000, 86_400);
    this.loginWaits = counter('login-waits', 1, LONGEST_LOGIN_WAIT_SECONDS);
  }

  /** Counts one mutation against the caller's address and, when signed in, against them. */
  async mutation(userId: string | null, ip: string): Promise<void> {
    await this.operation(
      userId,
      ip,
      authMessages.tooManyChangesFromAddress,
      authMessages.tooManyChanges,
    );
  }

  /** A subscription started counts as a mutation does: the server holds it open from then on. */
  async subscription(userId: string | null, ip: string): Promise<void> {
    await this.operation(
      userId,
      ip,
      authMessages.tooManySubscriptionsFromAddress,
      authMessages.tooManySubscriptions,
    );
  }

  private async operation(
    userId: string | null,
    ip: string,
    fromAddress: Refusal,
    fromUser: Refusal,
  ): Promise<void> {
    // Side by side: one round trip to Redis (the client pipelines what is sent together).
    const taken = await Promise.allSettled([
      this.take(this.ipMutations, ip, fromAddress),
      userId && this.take(this.userMutations, userId, fromUser),
    ]);
    for (const result of taken) if (result.status === 'rejected') throw result.reason;
  }

  /** Before checking a password: the address's pace, and any wait earned by failures. */
  async beforeLogin(email: string, ip: string): Promise<void> {
    await this.take(this.ipLogins, ip, authMessages.tooManySignInsFromAddress);
    const wait = await this.loginWaits.get(loginKey(email, ip)).catch(() => null);
    if (wait && wait.consumedPoints > 1 && wait.msBeforeNext > 0)
      throw limited(authMessages.tooManyFailedSignIns, wait.msBeforeNext);
  }

  /** After the free failures, each further one doubles the wait: 1 s, 2 s, 4 s, … 15 min. */
  async loginFailed(email: string, ip: string): Promise<void> {
    try {
      const key = loginKey(email, ip);
      const failures = (await this.loginFailures.penalty(key, 1)).consumedPoints;
      const beyond = failures - this.config.limits.loginFreeFailures;
      if (beyond >= 0)
        await this.loginWaits.block(key, Math.min(2 ** beyond, LONGEST_LOGIN_WAIT_SECONDS));
    } catch (error) {
      this.logger.warn(`could not count a failed sign-in: ${String(error)}`);
    }
  }

  async loginSucceeded(email: string, ip: string): Promise<void> {
    const key = loginKey(email, ip);
    await Promise.all([this.loginFailures.delete(key), this.loginWaits.delete(key)]).catch(
      (error: unknown) => this.logger.warn(`could not reset sign-in failures: ${String(error)}`),
    );
  }

  private async take(limiter: RateLimiterRedis, key: string, message: Refusal): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw limited(message, rejection.msBeforeNext);
      // Neither Redis nor the in-memory stand-in answered: let the call through.
      this.logger.warn(`rate limit not checked: ${String(rejection)}`);
    }
  }
}

function loginKey(email: string, ip: string): string {
  return `${email}|${ip}`;
}

/** What a limit says, given how long to wait. */
type Refusal = (retryAfterSeconds: number) => Message;

function limited(message: Refusal, msBeforeNext: number): AuthError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AuthError(AuthErrorCode.RATE_LIMITED, message(retryAfterSeconds), undefined, {
    retryAfterSeconds,
  });
}
