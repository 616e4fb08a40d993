import { OutboxEvent } from '@app/database';
import { AssignmentEntity } from './assignment.entity';

/** The outbox record of a change to an assignment; notifications and reminders read these. */
export function assignmentEvent(
  assignment: AssignmentEntity,
  eventType: string,
  actorId: string | null,
): OutboxEvent {
  return {
    aggregateType: 'assignment',
    aggregateId: assignment.id,
    eventType,
    payload: {
      assignmentId: assignment.id,
      version: assignment.version,
      requirementId: assignment.requirementId,
      staffId: assignment.staffId,
      status: assignment.status,
      startsAt: assignment.startsAt.toISOString(),
      endsAt: assignment.endsAt.toISOString(),
      actorId,
      reason: assignment.reason,
    },
  };
}
