import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsString, MaxLength } from 'class-validator';
import { InterpretationMode } from '@app/bookings';

/** A direction and mode of interpretation: what a booking needs, or what an interpreter works in. */
@InputType({ isAbstract: true })
export abstract class LanguagePairFields {
  @Field({ description: 'BCP 47 language code, e.g. zh' })
  @IsString()
  @MaxLength(35)
  from: string;

  @Field({ description: 'BCP 47 language code, e.g. en' })
  @IsString()
  @MaxLength(35)
  to: string;

  @Field(() => InterpretationMode)
  @IsEnum(InterpretationMode)
  mode: InterpretationMode;
}
