import { Injectable } from '@nestjs/common';
import {
  BlackoutEntity,
  OpeningHoursEntity,
  SubdistrictEntity,
  VenueCatalogService,
  VenueFacilityEntity,
} from '@app/venues';
import DataLoader from 'dataloader';

/** Batching loaders, made anew for every request so nothing is cached across callers. */
export interface Loaders {
  subdistrict: DataLoader<string, SubdistrictEntity | undefined>;
  venueFacilities: DataLoader<string, VenueFacilityEntity[]>;
  venueOpeningHours: DataLoader<string, OpeningHoursEntity[]>;
  venueBlackouts: DataLoader<string, BlackoutEntity[]>;
}

@Injectable()
export class LoadersFactory {
  constructor(private readonly venues: VenueCatalogService) {}

  create(): Loaders {
    return {
      subdistrict: new DataLoader((ids) => this.venues.subdistrictsByIds(ids)),
      venueFacilities: new DataLoader((ids) => this.venues.facilitiesByVenueIds(ids)),
      venueOpeningHours: new DataLoader((ids) => this.venues.openingHoursByVenueIds(ids)),
      venueBlackouts: new DataLoader((ids) => this.venues.upcomingBlackoutsByVenueIds(ids)),
    };
  }
}
