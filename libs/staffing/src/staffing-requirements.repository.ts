import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { RequirementStatus } from './staffing-enums';
import { StaffingRequirementEntity } from './staffing-requirement.entity';

/** Reads of staffing requirements outside a change's transaction. */
@Injectable()
export class StaffingRequirementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  openOf(bookingId: string): Promise<StaffingRequirementEntity[]> {
    return this.dataSource.getRepository(StaffingRequirementEntity).find({
      where: { bookingId, status: RequirementStatus.OPEN },
      order: { id: 'ASC' },
    });
  }

  /** Which of the bookings have requirements derived from the version given. */
  async derivedAt(bookings: { id: string; version: number }[]): Promise<Set<string>> {
    if (!bookings.length) return new Set();
    const rows: { bookingId: string; version: number }[] = await this.dataSource
      .getRepository(StaffingRequirementEntity)
      .createQueryBuilder('r')
      .select('DISTINCT r.booking_id', 'bookingId')
      .addSelect('r.derived_from_version', 'version')
      .where({ bookingId: In(bookings.map((booking) => booking.id)) })
      .getRawMany();
    const derived = new Set(rows.map((row) => `${row.bookingId}@${Number(row.version)}`));
    return new Set(
      bookings
        .filter((booking) => derived.has(`${booking.id}@${booking.version}`))
        .map((booking) => booking.id),
    );
  }
}
