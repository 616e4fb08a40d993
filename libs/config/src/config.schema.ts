import { z } from 'zod';
import { DEFAULT_REMINDER_PLAN, parseReminderPlan } from './reminder-plan';

/** The development JWT secret: fine on a laptop, refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every environment variable the applications read, with its development default. */
export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: integer(1, 65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^(mysql|mariadb):\/\/.+/, 'must be a mysql:// or mariadb:// URL')
      .default('mysql://venues:venues@127.0.0.1:3306/venues'),
    DATABASE_POOL_SIZE: integer(1, 200).default(10),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL')
      .default('redis://127.0.0.1:6379/0'),
    REDIS_CLUSTER_NODES: z
      .string()
      .regex(
        /^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/,
        'must be host:port entries separated by commas',
      )
      .optional(),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_{}-]+$/, 'may hold letters, digits, _ - { } only')
      .default('venues'),
    JWT_SECRET: z
      .string()
      .min(16, 'must be at least 16 characters')
      .default(DEVELOPMENT_JWT_SECRET),
    JWT_TTL_SECONDS: integer(60, 60 * 60 * 24 * 30).default(8 * 60 * 60),
    AUTH_USER_CACHE_SECONDS: integer(0, 60).default(5),
    BCRYPT_COST: integer(4, 15).default(10),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    GRAPHQL_INTROSPECTION: booleanString.optional(),
    GRAPHQL_MAX_DEPTH: integer(2, 50).default(10),
    GRAPHQL_MAX_COST: integer(10, 1_000_000).default(5000),
    GRAPHQL_MAX_ALIASES: integer(1, 1000).default(30),
    // Beyond a few thousand tokens graphql-js's own (recursive) validation can run out of stack.
    GRAPHQL_MAX_TOKENS: integer(100, 5000).default(2000),
    GRAPHQL_MAX_PAGE_SIZE: integer(1, 1000).default(100),
    BOOKING_HOLD_MINUTES: integer(1, 24 * 60).default(30),
    STAFF_TRAVEL_MINUTES: integer(0, 240).default(30),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z
      .string()
      .min(3)
      .default('东城区场地服务 Dongcheng Venues <no-reply@venues.dongcheng.local>'),
    SECURITY_ESCALATION_SECONDS: integer(1, 7 * 86_400).default(3600),
    RATE_LIMIT_USER_MUTATIONS_PER_MINUTE: integer(1, 1_000_000).default(120),
    RATE_LIMIT_IP_MUTATIONS_PER_MINUTE: integer(1, 1_000_000).default(600),
    RATE_LIMIT_IP_LOGINS_PER_MINUTE: integer(1, 1_000_000).default(30),
    LOGIN_FREE_FAILURES: integer(1, 100).default(5),
    TRUST_PROXY_HOPS: integer(0, 10).default(0),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanString.optional(),
    WEBHOOK_TIMEOUT_MS: integer(100, 60_000).default(10_000),
    WEBHOOK_MAX_ATTEMPTS: integer(1, 20).default(8),
    WEBHOOK_RETRY_BASE_MS: integer(10, 3_600_000).default(10_000),
    REMINDER_PLAN: z
      .string()
      .refine((text) => parseReminderPlan(text) !== null, {
        message: 'must be entries like organizer@start-24h, separated by commas',
      })
      .default(DEFAULT_REMINDER_PLAN),
    REMINDER_RECONCILE_SECONDS: integer(1, 86_400).default(300),
    WORKER_CONCURRENCY: integer(1, 256).default(8),
    METRICS_PORT: integer(0, 65535).optional(),
    METRICS_HOST: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
    WORKER_METRICS_PORT: z.union([z.literal('off'), integer(0, 65535)]).optional(),
    PUBLIC_BASE_URL: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.REDIS_CLUSTER_NODES) {
      if (!isHashTagged(env.QUEUE_PREFIX)) {
        ctx.addIssue({
          code: 'custom',
          path: ['QUEUE_PREFIX'],
          message:
            'must be hash-tagged on a Redis Cluster (REDIS_CLUSTER_NODES is set), e.g. {venues}: ' +
            "BullMQ's scripts touch several keys of a queue at once, and only a hash tag keeps them in one slot",
        });
      }
      if (!['', '0'].includes(new URL(env.REDIS_URL).pathname.replace('/', ''))) {
        ctx.addIssue({
          code: 'custom',
          path: ['REDIS_URL'],
          message: 'a Redis Cluster has only database 0; drop the database number',
        });
      }
    }
    if (env.NODE_ENV !== 'production') return;
    if (env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'the development secret is refused in production; set a random secret',
      });
    } else if (env.JWT_SECRET.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'must be at least 32 characters in production',
      });
    }
  });

/**
 * Whether every key that starts with `prefix` lands in one Redis Cluster slot: the first `{` is
 * closed by a `}` with something between them (Redis hashes only that part).
 */
export function isHashTagged(prefix: string): boolean {
  return /^[^{}]*\{[^{}]+\}/.test(prefix);
}

export type Environment = z.input<typeof environmentSchema>;
export type LogLevel = (typeof LOG_LEVELS)[number];
