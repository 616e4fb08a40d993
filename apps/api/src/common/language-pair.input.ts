import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { InterpretationMode } from '@app/bookings';
import { TextField } from './text';

/** A direction and mode of interpretation: what a booking needs, or what an interpreter works in. */
@InputType({ isAbstract: true })
export abstract class LanguagePairFields {
  @TextField(35, { description: 'BCP 47 language code, e.g. zh' })
  from: string;

  @TextField(35, { description: 'BCP 47 language code, e.g. en' })
  to: string;

  @Field(() => InterpretationMode)
  @IsEnum(InterpretationMode)
  mode: InterpretationMode;
}
