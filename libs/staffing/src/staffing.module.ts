import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookingsModule } from '@app/bookings';
import { VenuesModule } from '@app/venues';
import { StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingRequirementsService } from './staffing-requirements.service';
import { STAFF_ENTITIES } from './staff.entities';
import { StaffDirectoryService } from './staff-directory.service';
import { StaffRepository } from './staff.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([...STAFF_ENTITIES, StaffingRequirementEntity]),
    BookingsModule,
    VenuesModule,
  ],
  providers: [StaffRepository, StaffDirectoryService, StaffingRequirementsService],
  exports: [StaffDirectoryService, StaffingRequirementsService],
})
export class StaffingModule {}
