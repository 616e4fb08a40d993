import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In } from 'typeorm';
import { keysetPage, Page, PageRequest } from '@app/database';
import { StaffAvailabilityEntity } from './staff-availability.entity';
import { StaffFilter } from './staff-filter';
import { StaffLanguagePairEntity } from './staff-language-pair.entity';
import { StaffLeaveEntity } from './staff-leave.entity';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffSkillEntity } from './staff-skill.entity';
import { StaffingRequirementEntity } from './staffing-requirement.entity';

@Injectable()
export class StaffRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: StaffFilter, page: PageRequest): Promise<Page<StaffMemberEntity>> {
    const query = this.dataSource
      .getRepository(StaffMemberEntity)
      .createQueryBuilder('s')
      .where('s.active = 1');
    if (filter.kind) query.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter.minClearance)
      query.andWhere('s.clearance_level >= :clearance', { clearance: filter.minClearance });
    if (filter.language || filter.mode) {
      const conditions = ['p.staff_id = s.id'];
      if (filter.language)
        conditions.push('(p.language_from = :language OR p.language_to = :language)');
      if (filter.mode) conditions.push('p.mode = :mode');
      query.andWhere(
        `EXISTS (SELECT 1 FROM staff_language_pairs p WHERE ${conditions.join(' AND ')})`,
        {
          language: filter.language,
          mode: filter.mode,
        },
      );
    }
    const text = filter.text?.trim();
    if (text) {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        new Brackets((q) =>
          q.where('s.name_zh LIKE :like', { like }).orWhere('s.name_en LIKE :like'),
        ),
      );
    }
    return keysetPage(query, page);
  }

  membersOf(ids: readonly string[]): Promise<StaffMemberEntity[]> {
    return this.dataSource.getRepository(StaffMemberEntity).findBy({ id: In([...ids]) });
  }

  requirementsOf(ids: readonly string[]): Promise<StaffingRequirementEntity[]> {
    return this.dataSource.getRepository(StaffingRequirementEntity).findBy({ id: In([...ids]) });
  }

  languagePairsOf(staffIds: readonly string[]): Promise<StaffLanguagePairEntity[]> {
    return this.dataSource
      .getRepository(StaffLanguagePairEntity)
      .findBy({ staffId: In([...staffIds]) });
  }

  skillsOf(staffIds: readonly string[]): Promise<StaffSkillEntity[]> {
    return this.dataSource.getRepository(StaffSkillEntity).findBy({ staffId: In([...staffIds]) });
  }

  availabilityOf(staffIds: readonly string[]): Promise<StaffAvailabilityEntity[]> {
    return this.dataSource.getRepository(StaffAvailabilityEntity).find({
      where: { staffId: In([...staffIds]) },
      order: { weekday: 'ASC', fromMinute: 'ASC' },
    });
  }

  leaveOf(staffIds: readonly string[]): Promise<StaffLeaveEntity[]> {
    return this.dataSource
      .getRepository(StaffLeaveEntity)
      .find({ where: { staffId: In([...staffIds]) }, order: { startsAt: 'ASC' } });
  }
}
