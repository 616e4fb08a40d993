import { Query, Resolver } from '@nestjs/graphql';
import { VenueCatalogService } from '@app/venues';
import { SubdistrictType } from './subdistrict.type';

@Resolver(() => SubdistrictType)
export class SubdistrictsResolver {
  constructor(private readonly catalog: VenueCatalogService) {}

  @Query(() => [SubdistrictType], { description: 'The subdistricts of Dongcheng District' })
  async subdistricts(): Promise<SubdistrictType[]> {
    return (await this.catalog.subdistricts()).map(SubdistrictType.from);
  }
}
