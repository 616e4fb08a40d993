import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { selectEntities } from '@app/database';
import { Role } from './role';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Read on every authenticated request: SQL made once (see selectEntities). */
  async findActiveById(id: string): Promise<UserEntity | null> {
    const [found] = await selectEntities(this.users.manager, UserEntity, {
      sql: 'e.id = ? AND e.active = 1',
      params: [id],
    });
    return found?.entity ?? null;
  }

  /** Every page of bookings reads its organizers here: SQL made once too. */
  async findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (!ids.length) return [];
    const rows = await selectEntities(this.users.manager, UserEntity, {
      sql: 'e.id IN (?)',
      params: [ids],
    });
    return rows.map((row) => row.entity);
  }

  /** The subdistricts that have at least one active manager. */
  async managedSubdistrictIds(): Promise<string[]> {
    const rows: { subdistrictId: string }[] = await this.users
      .createQueryBuilder('u')
      .select('DISTINCT u.subdistrict_id', 'subdistrictId')
      .where('u.role = :role AND u.active = 1 AND u.subdistrict_id IS NOT NULL', {
        role: Role.SUBDISTRICT_MANAGER,
      })
      .getRawMany();
    return rows.map((row) => String(row.subdistrictId));
  }

  async update(user: UserEntity, changes: Partial<UserEntity>): Promise<UserEntity> {
    await this.users.update({ id: user.id }, changes);
    return Object.assign(user, changes);
  }

  /** A new password hash, and the time from which earlier tokens stop working. */
  async changePassword(id: string, passwordHash: string, at: Date): Promise<void> {
    await this.users.update({ id }, { passwordHash, credentialsChangedAt: at, updatedAt: at });
  }

  /** With the password hash, which is otherwise never selected. */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email AND u.active = 1', { email })
      .getOne();
  }

  findByEmail(email: string, manager?: EntityManager): Promise<UserEntity | null> {
    return (manager?.getRepository(UserEntity) ?? this.users).findOneBy({ email });
  }

  insert(user: UserEntity, manager?: EntityManager): Promise<UserEntity> {
    return (manager?.getRepository(UserEntity) ?? this.users).save(user);
  }
}
