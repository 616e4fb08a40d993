import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Role } from './role';
import { UserEntity } from './user.entity';

/**
 * Active accounts for the system's own purposes (who is told of what): an inactive account is
 * never a recipient. Unscoped: the caller acts on no user's behalf.
 */
@Injectable()
export class ActiveUsersReader {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Those of `ids` whose accounts are active, in no particular order. */
  byIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.users.findBy({ id: In([...ids]), active: true });
  }

  /** Everyone active in the role; given a subdistrict, only those bound to it (its managers). */
  withRole(role: Role, subdistrictId?: string): Promise<UserEntity[]> {
    return this.users.findBy({
      role,
      active: true,
      ...(subdistrictId !== undefined ? { subdistrictId } : {}),
    });
  }
}
