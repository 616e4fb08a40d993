import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Locale, Role } from '@app/auth';
import { IsEntityId } from '../common/validators';

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @Length(8, 128)
  password: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field()
  @IsString()
  @Length(1, 200)
  displayName: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Required for, and only for, SUBDISTRICT_MANAGER',
  })
  @IsOptional()
  @IsEntityId()
  subdistrictId?: string;

  @Field(() => Locale, { nullable: true, defaultValue: Locale.ZH_CN })
  @IsOptional()
  @IsEnum(Locale)
  locale?: Locale;

  @Field({ nullable: true, defaultValue: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}
