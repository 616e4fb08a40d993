import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, MinLength } from 'class-validator';
import { Locale, Role } from '@app/auth';
import { TextField } from '../common/text';
import { IsEntityId } from '../common/validators';

@InputType()
export class CreateUserInput {
  @TextField(254)
  @IsEmail()
  email: string;

  @TextField(128)
  @MinLength(8)
  password: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @TextField(200)
  @MinLength(1)
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

  @TextField(64, { nullable: true, defaultValue: 'Asia/Shanghai' })
  timeZone?: string;
}
