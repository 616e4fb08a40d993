import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { TextField } from '../common/text';

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

  @TextField(2000, { nullable: true })
  comment?: string | null;
}
