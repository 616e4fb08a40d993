import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, inputMessages, isValidTimeZone } from '@app/common';
import { isDuplicateKeyError, isValidId } from '@app/database';
import { Actor } from './actor';
import { AuthError, AuthErrorCode } from './auth.errors';
import { authMessages } from './auth.messages';
import { normaliseEmail } from './auth.service';
import { PasswordHashService } from './password-hash.service';
import { Locale, Role } from './role';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** What a person may change about themselves; null or absent leaves a field as it is. */
export interface ProfileChanges {
  locale?: Locale | null;
  timeZone?: string | null;
  nameZh?: string | null;
  nameEn?: string | null;
  phone?: string | null;
}

const PHONE = /^\+?[0-9][0-9 ()-]{4,38}$/;

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  displayName: string;
  subdistrictId?: string | null;
  locale?: Locale;
  timeZone?: string;
}

const FOREIGN_KEY_MISSING = 1452;

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHashService,
  ) {}

  getActive(id: string): Promise<UserEntity | null> {
    return this.users.findActiveById(id);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findByEmail(normaliseEmail(email));
  }

  /** The signed-in person's own profile: language, zone, names and phone. */
  async updateMe(actor: Actor, changes: ProfileChanges): Promise<UserEntity> {
    const user = await this.users.findActiveById(actor.userId);
    if (!user) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, authMessages.accountInactive());
    const checked: Partial<UserEntity> = {};
    if (changes.locale != null) checked.locale = changes.locale;
    if (changes.timeZone != null) {
      if (!isValidTimeZone(changes.timeZone))
        throw new AuthError(
          AuthErrorCode.BAD_USER_INPUT,
          inputMessages.unknownTimeZone(changes.timeZone),
          'timeZone',
        );
      checked.timeZone = changes.timeZone;
    }
    for (const field of ['nameZh', 'nameEn'] as const) {
      const value = changes[field];
      if (value == null) continue;
      const name = value.trim();
      if (!name || name.length > 100)
        throw new AuthError(AuthErrorCode.BAD_USER_INPUT, authMessages.nameLength(field), field);
      checked[field] = name;
    }
    if (changes.phone != null) {
      const phone = changes.phone.trim();
      if (!PHONE.test(phone))
        throw new AuthError(AuthErrorCode.BAD_USER_INPUT, authMessages.badPhone(), 'phone');
      checked.phone = phone;
    }
    return this.users.update(user, { ...checked, updatedAt: new Date() });
  }

  managedSubdistrictIds(): Promise<string[]> {
    return this.users.managedSubdistrictIds();
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.users.findByIds(ids);
  }

  /** Only the district admin creates accounts; a manager is bound to exactly one subdistrict. */
  async create(actor: Actor, input: NewUser): Promise<UserEntity> {
    if (actor.role !== Role.DISTRICT_ADMIN) {
      throw new AuthError(AuthErrorCode.FORBIDDEN, authMessages.onlyAdminCreatesUsers());
    }
    return this.insert(await this.build(input));
  }

  /**
   * Stores a user made by build(), inside the caller's transaction when given its manager (staff
   * accounts are created together with their staff profile). A taken e-mail is EMAIL_TAKEN.
   */
  async insert(user: UserEntity, manager?: EntityManager): Promise<UserEntity> {
    try {
      // A copy: a retried transaction inserts again from the user as built.
      return await this.users.insert(Object.assign(new UserEntity(), user), manager);
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new AuthError(
          AuthErrorCode.EMAIL_TAKEN,
          authMessages.emailTaken(user.email),
          'email',
        );
      }
      if ((error as { errno?: number }).errno === FOREIGN_KEY_MISSING) {
        throw new AuthError(
          AuthErrorCode.BAD_USER_INPUT,
          authMessages.unknownSubdistrict(),
          'subdistrictId',
        );
      }
      throw error;
    }
  }

  /** Validates and hashes; shared by create and the demo seed. */
  async build(input: NewUser): Promise<UserEntity> {
    const isManager = input.role === Role.SUBDISTRICT_MANAGER;
    if (isManager && !input.subdistrictId) {
      throw new AuthError(
        AuthErrorCode.BAD_USER_INPUT,
        authMessages.managerNeedsSubdistrict(),
        'subdistrictId',
      );
    }
    if (!isManager && input.subdistrictId) {
      throw new AuthError(
        AuthErrorCode.BAD_USER_INPUT,
        authMessages.onlyManagersHaveSubdistrict(),
        'subdistrictId',
      );
    }
    if (input.subdistrictId && !isValidId(input.subdistrictId)) {
      throw new AuthError(
        AuthErrorCode.BAD_USER_INPUT,
        authMessages.unknownSubdistrict(),
        'subdistrictId',
      );
    }
    const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
    if (!isValidTimeZone(timeZone)) {
      throw new AuthError(
        AuthErrorCode.BAD_USER_INPUT,
        inputMessages.unknownTimeZone(timeZone),
        'timeZone',
      );
    }
    const now = new Date();
    const user = new UserEntity();
    Object.assign(user, {
      email: normaliseEmail(input.email),
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      subdistrictId: isManager ? input.subdistrictId : null,
      displayName: input.displayName.trim(),
      locale: input.locale ?? DEFAULT_LOCALE,
      timeZone,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    return user;
  }
}
