import { Field, ID, ObjectType } from '@nestjs/graphql';
import { SubdistrictEntity } from '@app/venues';

@ObjectType('Subdistrict')
export class SubdistrictType {
  @Field(() => ID)
  id: string;

  @Field()
  code: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  static from(entity: SubdistrictEntity): SubdistrictType {
    return Object.assign(new SubdistrictType(), entity);
  }
}
