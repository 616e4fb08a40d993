import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Actor } from './actor';
import { AuthError, AuthErrorCode } from './auth.errors';
import { authMessages } from './auth.messages';
import { PasswordHashService } from './password-hash.service';
import { RateLimitsService } from './rate-limits.service';
import { Role } from './role';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** Issued (in milliseconds: `iat` has whole seconds), to compare with a password change. */
  issuedMs?: number;
  /** Issued and expiry, in seconds since the epoch (set when signed). */
  iat?: number;
  exp?: number;
}

/** An account as a token is checked against it. */
interface Account {
  actor: Actor;
  credentialsChangedAt: Date | null;
}

/** Passwords are 8 to 128 characters, as at account creation. */
const PASSWORD_LENGTH = { min: 8, max: 128 };

/** Tokens whose signature was checked (and accounts read), remembered; the oldest go first. */
const KEPT = 10_000;

/** Remembers up to KEPT entries, forgetting the oldest first. */
function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  if (map.size >= KEPT) map.delete(map.keys().next().value!);
  map.set(key, value);
}

export interface LoginResult {
  accessToken: string;
  user: UserEntity;
}

@Injectable()
export class AuthService {
  /** A client sends its token with every call: its signature needs checking once. */
  private readonly verified = new Map<string, AccessTokenClaims>();
  /** The accounts behind recent calls, each until the time noted (AUTH_USER_CACHE_SECONDS). */
  private readonly accounts = new Map<string, { account: Account | null; until: number }>();

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHashService,
    private readonly jwt: JwtService,
    private readonly limits: RateLimitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `ip` is the caller's address: failed attempts from it slow down further ones. */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const found = await this.checkPassword(email, password, ip);
    const claims: AccessTokenClaims = { sub: found.id, role: found.role, issuedMs: Date.now() };
    // Signed and verified with the key the module makes once from JWT_SECRET.
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.auth.jwtTtlSeconds,
      algorithm: 'HS256',
    });
    const { passwordHash: _hash, ...user } = found;
    return { accessToken, user: user as UserEntity };
  }

  /** The caller with this e-mail and password (HTTP Basic on pages a browser opens). */
  async verifyPassword(email: string, password: string, ip: string): Promise<Actor> {
    const user = await this.checkPassword(email, password, ip);
    return actorOfUser(user);
  }

  /** Turns a bearer token into the caller; the user must still exist, be active and hold the role. */
  async authenticate(token: string): Promise<Actor> {
    const claims = await this.verify(token);
    const account = typeof claims.sub === 'string' ? await this.account(claims.sub) : null;
    if (!account || account.actor.role !== claims.role || issuedBefore(claims, account)) {
      throw new AuthError(AuthErrorCode.UNAUTHENTICATED, authMessages.tokenNoLongerValid());
    }
    return account.actor;
  }

  /**
   * The signed-in user changes their password, giving the current one: tokens issued before the
   * change stop working (on another API instance within AUTH_USER_CACHE_SECONDS); sign in again.
   */
  async changePassword(actor: Actor, current: string, next: string, ip: string): Promise<void> {
    if (next.length < PASSWORD_LENGTH.min || next.length > PASSWORD_LENGTH.max) {
      throw new AuthError(
        AuthErrorCode.BAD_USER_INPUT,
        authMessages.passwordLength(PASSWORD_LENGTH.min, PASSWORD_LENGTH.max),
        'next',
      );
    }
    if (next === current) {
      throw new AuthError(AuthErrorCode.BAD_USER_INPUT, authMessages.passwordUnchanged(), 'next');
    }
    const user = await this.users.findActiveById(actor.userId);
    if (!user) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, authMessages.accountInactive());
    try {
      await this.checkPassword(user.email, current, ip);
    } catch (error) {
      if (error instanceof AuthError && error.code === AuthErrorCode.INVALID_CREDENTIALS)
        throw new AuthError(
          AuthErrorCode.BAD_USER_INPUT,
          authMessages.currentPasswordWrong(),
          'current',
        );
      throw error;
    }
    await this.users.changePassword(user.id, await this.hasher.hash(next), new Date());
    this.accounts.delete(user.id);
  }

  /**
   * The active user behind a token, read at most every AUTH_USER_CACHE_SECONDS: an account
   * deactivated (or given another role) stops working within that time.
   */
  private async account(userId: string): Promise<Account | null> {
    const now = Date.now();
    const known = this.accounts.get(userId);
    if (known && known.until > now) return known.account;
    const user = await this.users.findActiveById(userId);
    const account = user && {
      actor: actorOfUser(user),
      credentialsChangedAt: user.credentialsChangedAt,
    };
    const seconds = this.config.auth.userCacheSeconds;
    if (seconds > 0) remember(this.accounts, userId, { account, until: now + seconds * 1000 });
    return account;
  }

  private async verify(token: string): Promise<AccessTokenClaims> {
    const known = this.verified.get(token);
    if (known?.exp && known.exp * 1000 > Date.now()) return known;
    this.verified.delete(token);
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
      });
    } catch (error) {
      const message =
        error instanceof TokenExpiredError
          ? authMessages.tokenExpired()
          : authMessages.tokenInvalid();
      throw new AuthError(AuthErrorCode.UNAUTHENTICATED, message);
    }
    if (typeof claims.exp === 'number') remember(this.verified, token, claims);
    return claims;
  }

  /** The active user with this e-mail and password; INVALID_CREDENTIALS otherwise. */
  private async checkPassword(email: string, password: string, ip: string): Promise<UserEntity> {
    const address = normaliseEmail(email).slice(0, 254);
    await this.limits.beforeLogin(address, ip);
    const plausible = email.length <= 254 && password.length <= 128;
    const found = plausible ? await this.users.findForLogin(address) : null;
    const ok = await this.hasher.verify(password.slice(0, 128), found?.passwordHash ?? null);
    if (!found || !ok) {
      await this.limits.loginFailed(address, ip);
      throw new AuthError(AuthErrorCode.INVALID_CREDENTIALS, authMessages.wrongCredentials());
    }
    await this.limits.loginSucceeded(address, ip);
    return found;
  }
}

/** The caller an account is, with the language their errors are answered in. */
function actorOfUser(user: UserEntity): Actor {
  const { id: userId, role, subdistrictId, locale } = user;
  return { userId, role, subdistrictId, locale };
}

/** A token issued before the account's password last changed. */
function issuedBefore(claims: AccessTokenClaims, account: Account): boolean {
  if (!account.credentialsChangedAt) return false;
  const issued = claims.issuedMs ?? (claims.iat ?? 0) * 1000;
  return issued < account.credentialsChangedAt.getTime();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
