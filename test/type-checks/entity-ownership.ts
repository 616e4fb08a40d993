/*
 * Checked by `npm run typecheck`, never run: each lib exports its entities as types only, so
 * code outside the owner cannot build a repository or a row on one. Every line below must fail
 * to compile; if one compiles, its @ts-expect-error is unused and the type check fails.
 */
import { DataSource } from 'typeorm';
import { UserEntity } from '@app/auth';
import { BookingEntity } from '@app/bookings';
import { StaffingRequirementEntity } from '@app/staffing';
import { VenueEntity } from '@app/venues';

export function entitiesAreTypesOutsideTheirLib(dataSource: DataSource): unknown[] {
  return [
    // @ts-expect-error BookingEntity is bookings' own
    dataSource.getRepository(BookingEntity),
    // @ts-expect-error VenueEntity is venues' own
    new VenueEntity(),
    // @ts-expect-error UserEntity is auth's own
    dataSource.getRepository(UserEntity).findOneBy({}),
    // @ts-expect-error StaffingRequirementEntity is staffing's own
    dataSource.manager.create(StaffingRequirementEntity, {}),
  ];
}

/** As types they are everyone's: a row read through the owner's service is typed by them. */
export type ReadThroughOwners = [BookingEntity, VenueEntity, UserEntity, StaffingRequirementEntity];
