import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { Locale } from '@app/auth';
import { TextField } from '../common/text';

@InputType('UpdateMeInput', { description: 'A field left out, or null, stays as it is' })
export class UpdateMeInput {
  @Field(() => Locale, { nullable: true })
  @IsOptional()
  @IsEnum(Locale)
  locale?: Locale | null;

  @TextField(64, { nullable: true, description: 'An IANA time zone, e.g. Europe/Paris' })
  timeZone?: string | null;

  @TextField(100, { nullable: true })
  nameZh?: string | null;

  @TextField(100, { nullable: true })
  nameEn?: string | null;

  @TextField(40, { nullable: true })
  phone?: string | null;
}
