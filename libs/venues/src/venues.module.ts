import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlackoutEntity } from './blackout.entity';
import { BookableVenueReader } from './bookable-venue.reader';
import { OpeningHoursEntity } from './opening-hours.entity';
import { SubdistrictEntity } from './subdistrict.entity';
import { SubdistrictsRepository } from './subdistricts.repository';
import { VenueAuditEntity } from './venue-audit.entity';
import { VenueAuditRepository } from './venue-audit.repository';
import { VenueCatalogService } from './venue-catalog.service';
import { VenueFacilityEntity } from './venue-facility.entity';
import { VenueInventoryService } from './venue-inventory.service';
import { VenueEntity } from './venue.entity';
import { VenuesRepository } from './venues.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      SubdistrictEntity,
      VenueEntity,
      VenueFacilityEntity,
      OpeningHoursEntity,
      BlackoutEntity,
      VenueAuditEntity,
    ]),
  ],
  providers: [
    VenuesRepository,
    SubdistrictsRepository,
    VenueInventoryService,
    VenueCatalogService,
    VenueAuditRepository,
    BookableVenueReader,
  ],
  exports: [VenueInventoryService, VenueCatalogService, BookableVenueReader],
})
export class VenuesModule {}
