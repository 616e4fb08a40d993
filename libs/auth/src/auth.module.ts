import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MutationRateLimitGuard } from './mutation-rate-limit.guard';
import { RateLimitsService } from './rate-limits.service';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), JwtModule.register({})],
  providers: [
    UsersRepository,
    PasswordHasher,
    AuthService,
    UsersService,
    RateLimitsService,
    // In this order: the limit guard counts against the caller AuthGuard has identified.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: MutationRateLimitGuard },
  ],
  exports: [AuthService, UsersService, RateLimitsService],
})
export class AuthModule {}
