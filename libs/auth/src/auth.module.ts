import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ActiveUsersReader } from './active-users.reader';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHashService } from './password-hash.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitsService } from './rate-limits.service';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // The key object is made once: given the secret as a string, jsonwebtoken makes one on
        // every verification, after a failed (thrown) attempt to read it as a public key, which
        // cost milliseconds per request.
        const key = createSecretKey(Buffer.from(config.auth.jwtSecret));
        return { secretOrKeyProvider: () => key };
      },
    }),
  ],
  providers: [
    UsersRepository,
    PasswordHashService,
    AuthService,
    UsersService,
    RateLimitsService,
    ActiveUsersReader,
    // In this order: the limit guard counts against the caller AuthGuard has identified.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [AuthService, UsersService, RateLimitsService, ActiveUsersReader],
})
export class AuthModule {}
