import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ACTIVE_ASSIGNMENT_STATUSES, RequirementStatus, StaffKind } from './staffing-enums';

/** Who serves a booking: the people behind its standing assignments. */
@Injectable()
export class AssignedStaffReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The user accounts of the staff of one kind with an active assignment on one of the booking's
   * open requirements, each once. Whether an account is active is the caller's to check.
   */
  async userIdsOn(bookingId: string, kind: StaffKind): Promise<string[]> {
    const rows: { userId: string | number }[] = await this.dataSource.query(
      `SELECT DISTINCT s.user_id AS userId FROM assignments a
         JOIN staffing_requirements r ON r.id = a.requirement_id
         JOIN staff_members s ON s.id = a.staff_id
        WHERE r.booking_id = ? AND r.kind = ? AND r.status = ? AND a.status IN (?)`,
      [bookingId, kind, RequirementStatus.OPEN, ACTIVE_ASSIGNMENT_STATUSES],
    );
    return rows.map((row) => String(row.userId));
  }
}
