import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Actor } from './actor';
import { AuthError, AuthErrorCode } from './auth.errors';
import { PasswordHasher } from './password-hasher';
import { Role } from './role';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

interface AccessTokenClaims {
  sub: string;
  role: Role;
}

export interface LoginResult {
  accessToken: string;
  user: UserEntity;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const found = await this.users.findForLogin(normaliseEmail(email));
    const ok = await this.hasher.verify(password, found?.passwordHash ?? null);
    if (!found || !ok) {
      throw new AuthError(AuthErrorCode.INVALID_CREDENTIALS, 'E-mail or password is wrong');
    }
    const claims: AccessTokenClaims = { sub: found.id, role: found.role };
    // Signed and verified with the key the module makes once from JWT_SECRET.
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.auth.jwtTtlSeconds,
      algorithm: 'HS256',
    });
    const { passwordHash: _hash, ...user } = found;
    return { accessToken, user: user as UserEntity };
  }

  /** Turns a bearer token into the caller; the user must still exist, be active and hold the role. */
  async authenticate(token: string): Promise<Actor> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
      });
    } catch (error) {
      const message =
        error instanceof TokenExpiredError ? 'Access token has expired' : 'Access token is invalid';
      throw new AuthError(AuthErrorCode.UNAUTHENTICATED, message);
    }
    const user =
      typeof claims.sub === 'string' ? await this.users.findActiveById(claims.sub) : null;
    if (!user || user.role !== claims.role) {
      throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'Access token is no longer valid');
    }
    return { userId: user.id, role: user.role, subdistrictId: user.subdistrictId };
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
