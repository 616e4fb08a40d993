import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

@InputType()
export class RatingInput {
  @Field(() => Int, { description: '1 to 5' })
  @IsInt()
  @Min(1)
  @Max(5)
  facilities: number;

  @Field(() => Int, { nullable: true, description: '1 to 5; leave out where none was needed' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  interpretation?: number | null;

  @Field(() => Int, { nullable: true, description: '1 to 5' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  security?: number | null;

  @Field(() => Int, { description: '1 to 5' })
  @IsInt()
  @Min(1)
  @Max(5)
  overall: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}
