import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Locale, Role, UserEntity } from '@app/auth';

registerEnumType(Role, { name: 'Role' });
registerEnumType(Locale, {
  name: 'Locale',
  valuesMap: { ZH_CN: { description: 'zh-CN' }, EN: { description: 'en' } },
});

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field(() => Role)
  role: Role;

  @Field()
  displayName: string;

  @Field(() => String, { nullable: true })
  nameZh: string | null;

  @Field(() => String, { nullable: true })
  nameEn: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  /** Kept for the subdistrict field resolver; not itself a field. */
  subdistrictId: string | null;

  @Field(() => Locale)
  locale: Locale;

  @Field({ description: 'IANA time zone in which this user reads times' })
  timeZone: string;

  @Field()
  createdAt: Date;

  static from(user: UserEntity): UserType {
    return Object.assign(new UserType(), {
      id: user.id,
      email: user.email,
      role: user.role,
      displayName: user.displayName,
      nameZh: user.nameZh,
      nameEn: user.nameEn,
      phone: user.phone,
      subdistrictId: user.subdistrictId,
      locale: user.locale,
      timeZone: user.timeZone,
      createdAt: user.createdAt,
    });
  }
}

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field()
  accessToken: string;

  @Field(() => UserType)
  user: UserType;
}
