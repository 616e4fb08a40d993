import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { STAFF_ENTITIES } from './staff.entities';
import { StaffDirectoryService } from './staff-directory.service';
import { StaffRepository } from './staff.repository';

@Module({
  imports: [TypeOrmModule.forFeature(STAFF_ENTITIES)],
  providers: [StaffRepository, StaffDirectoryService],
  exports: [StaffDirectoryService],
})
export class StaffingModule {}
