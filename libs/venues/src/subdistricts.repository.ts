import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { SubdistrictEntity } from './subdistrict.entity';

/** Reference data: the subdistricts of the district, visible to every signed-in user. */
@Injectable()
export class SubdistrictsRepository {
  constructor(
    @InjectRepository(SubdistrictEntity)
    private readonly subdistricts: Repository<SubdistrictEntity>,
  ) {}

  findAll(): Promise<SubdistrictEntity[]> {
    return this.subdistricts.find({ order: { id: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<SubdistrictEntity[]> {
    return this.subdistricts.findBy({ id: In([...ids]) });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.subdistricts.countBy({ id })) > 0;
  }
}
