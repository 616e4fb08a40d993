import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AssignmentEntity, AssignmentStatus } from '@app/staffing';

registerEnumType(AssignmentStatus, { name: 'AssignmentStatus' });

@ObjectType('Assignment')
export class AssignmentType {
  @Field(() => ID)
  id: string;

  staffId: string;
  requirementId: string;

  @Field(() => AssignmentStatus)
  status: AssignmentStatus;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => String, { nullable: true, description: 'Why it was declined' })
  reason: string | null;

  static from(entity: AssignmentEntity): AssignmentType {
    const { id, staffId, requirementId, status, startsAt, endsAt, reason } = entity;
    return Object.assign(new AssignmentType(), {
      id,
      staffId,
      requirementId,
      status,
      startsAt,
      endsAt,
      reason,
    });
  }
}
