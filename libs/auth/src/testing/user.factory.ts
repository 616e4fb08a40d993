import { AppContext } from '@app/common/testing';
import { Actor } from '../actor';
import { Role } from '../role';
import { UserEntity } from '../user.entity';
import { NewUser, UsersService } from '../users.service';

/** Qianmen (前门), subdistrict 11 of the reference data: where factories put things by default. */
export const QIANMEN = '11';

/** Every factory-made account signs in with this. */
export const TEST_PASSWORD = 'test-password';

let made = 0;

/**
 * A stored, active account, made as UsersService makes one. Defaults: an organizer; a subdistrict
 * manager of Qianmen; a unique e-mail `<role>-<n>@test.local`.
 */
export async function newUser(app: AppContext, spec: Partial<NewUser> = {}): Promise<UserEntity> {
  const users = app.get(UsersService);
  const role = spec.role ?? Role.ORGANIZER;
  const n = ++made;
  const name = role.toLowerCase().replace(/_/g, '-');
  const user = await users.build({
    email: `${name}-${n}@test.local`,
    password: TEST_PASSWORD,
    displayName: `Test ${name} ${n}`,
    ...spec,
    role,
    subdistrictId:
      spec.subdistrictId !== undefined
        ? spec.subdistrictId
        : role === Role.SUBDISTRICT_MANAGER
          ? QIANMEN
          : null,
  });
  return users.insert(user);
}

/** The user as the services see a caller (with their locale, where given, as the guard has it). */
export function actorOf(
  user: Pick<UserEntity, 'id' | 'role' | 'subdistrictId'> & Partial<Pick<UserEntity, 'locale'>>,
): Actor {
  const { id: userId, role, subdistrictId, locale } = user;
  return { userId, role, subdistrictId, ...(locale ? { locale } : {}) };
}

const admins = new WeakMap<UsersService, Promise<UserEntity>>();

/** One district admin per application, made on first use: who factories act as when they must. */
export function districtAdmin(app: AppContext): Promise<UserEntity> {
  const users = app.get(UsersService);
  let admin = admins.get(users);
  if (!admin) {
    admin = newUser(app, { role: Role.DISTRICT_ADMIN });
    admins.set(users, admin);
    admin.catch(() => admins.delete(users)); // the next call tries again
  }
  return admin;
}
