import { environmentSchema, LogLevel } from './config.schema';
import { parseReminderPlan, ReminderRule } from './reminder-plan';

export type AppMode = 'development' | 'test' | 'production';

/** The validated configuration, in the shape the code uses. */
export interface AppConfig {
  mode: AppMode;
  port: number;
  database: { url: string; poolSize: number };
  /**
   * Redis: one server at `url`, or, when `clusterNodes` is given, a Redis Cluster reached
   * through those nodes (credentials and TLS still come from `url`).
   */
  redis: { url: string; queuePrefix: string; clusterNodes: RedisNode[] | null };
  auth: {
    jwtSecret: string;
    jwtTtlSeconds: number;
    bcryptCost: number;
    /** How long a signed-in user's account (active, role) is taken as read. */
    userCacheSeconds: number;
  };
  logLevel: LogLevel;
  graphql: {
    introspection: boolean;
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    /** Tokens a document may have: the parser stops there, before anything walks the document. */
    maxTokens: number;
    maxPageSize: number;
  };
  bookings: { holdMinutes: number };
  /** Minimum gap between one staff member's assignments at different venues. */
  staffing: { travelMinutes: number };
  /** When reminders go out, and to whom. */
  reminders: ReminderRule[];
  /** How often the worker re-creates reminder jobs that are missing from Redis. */
  reminderReconcileSeconds: number;
  /** Jobs one worker process runs at once, per queue. */
  workerConcurrency: number;
  /** E-mail: off without an SMTP URL. */
  mail: { smtpUrl: string | null; from: string };
  /** How long a HIGH or STATE security notice may wait for acknowledgement before escalating. */
  securityEscalationSeconds: number;
  /**
   * Abuse limits, counted in Redis so they hold across API instances: mutations per user and per
   * client address each minute, sign-ins per address each minute, and failed sign-ins (per e-mail
   * and address) allowed before each further failure doubles a wait, from 1 s up to 15 min.
   */
  limits: {
    userMutationsPerMinute: number;
    ipMutationsPerMinute: number;
    ipLoginsPerMinute: number;
    loginFreeFailures: number;
  };
  /** Proxies in front of the API whose X-Forwarded-For is trusted for the client address. */
  trustProxyHops: number;
  /**
   * Outbound webhooks: private and loopback targets are refused unless allowed (only the test
   * default allows them); each delivery is tried up to maxAttempts times, waiting retryBaseMs,
   * then twice as long each time.
   */
  webhooks: {
    allowPrivateTargets: boolean;
    timeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
  };
  /** Where clients reach the API, for links such as calendar feed URLs. */
  publicBaseUrl: string;
  /**
   * Prometheus metrics. The API serves /metrics on its own port to district admins' bearer
   * tokens, unless `apiPort` is set: then only on that port at `host`, and nowhere else. The
   * worker serves them at `host`:`workerPort` (null: not at all). Port 0 takes a free port.
   */
  metrics: { apiPort: number | null; workerPort: number | null; host: string };
}

/** The worker's metrics port unless WORKER_METRICS_PORT says otherwise (outside tests). */
export const DEFAULT_WORKER_METRICS_PORT = 9465;

/** One node of a Redis Cluster to start from. */
export interface RedisNode {
  host: string;
  port: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigurationError';
  }
}

export type EnvironmentSource = Record<string, string | undefined>;

/**
 * Reads and validates the environment. Empty strings count as unset so that
 * `FOO= npm start` falls back to the default instead of failing obscurely.
 */
export function loadConfig(overrides: EnvironmentSource = {}): AppConfig {
  const merged: EnvironmentSource = { ...process.env, ...overrides };
  const known = Object.keys(environmentSchema.shape);
  const raw = Object.fromEntries(
    known.map((key) => [key, merged[key] === '' ? undefined : merged[key]]),
  );
  const parsed = environmentSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  return {
    mode: env.NODE_ENV,
    port: env.PORT,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    redis: {
      url: env.REDIS_URL,
      queuePrefix: env.QUEUE_PREFIX,
      clusterNodes: env.REDIS_CLUSTER_NODES ? parseRedisNodes(env.REDIS_CLUSTER_NODES) : null,
    },
    auth: {
      jwtSecret: env.JWT_SECRET,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      userCacheSeconds: env.AUTH_USER_CACHE_SECONDS,
      bcryptCost: env.BCRYPT_COST,
    },
    logLevel: env.LOG_LEVEL,
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production',
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxCost: env.GRAPHQL_MAX_COST,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxPageSize: env.GRAPHQL_MAX_PAGE_SIZE,
    },
    bookings: { holdMinutes: env.BOOKING_HOLD_MINUTES },
    staffing: { travelMinutes: env.STAFF_TRAVEL_MINUTES },
    reminders: parseReminderPlan(env.REMINDER_PLAN)!,
    reminderReconcileSeconds: env.REMINDER_RECONCILE_SECONDS,
    workerConcurrency: env.WORKER_CONCURRENCY,
    securityEscalationSeconds: env.SECURITY_ESCALATION_SECONDS,
    limits: {
      userMutationsPerMinute: env.RATE_LIMIT_USER_MUTATIONS_PER_MINUTE,
      ipMutationsPerMinute: env.RATE_LIMIT_IP_MUTATIONS_PER_MINUTE,
      ipLoginsPerMinute: env.RATE_LIMIT_IP_LOGINS_PER_MINUTE,
      loginFreeFailures: env.LOGIN_FREE_FAILURES,
    },
    trustProxyHops: env.TRUST_PROXY_HOPS,
    webhooks: {
      allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? env.NODE_ENV === 'test',
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
    },
    mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM },
    metrics: {
      apiPort: env.METRICS_PORT ?? null,
      // Off by default in tests, where many workers run side by side.
      workerPort:
        env.WORKER_METRICS_PORT === 'off'
          ? null
          : (env.WORKER_METRICS_PORT ??
            (env.NODE_ENV === 'test' ? null : DEFAULT_WORKER_METRICS_PORT)),
      host: env.METRICS_HOST,
    },
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
  };
}

/** "host:port,host:port" (already validated) as nodes. */
function parseRedisNodes(text: string): RedisNode[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf(':');
      return { host: entry.slice(0, at), port: Number(entry.slice(at + 1)) };
    });
}

/** Whether the environment itself sets a variable (rather than leaving it to the default). */
export function environmentProvides(name: string): boolean {
  const value = process.env[name];
  return value !== undefined && value !== '';
}
