import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, Role } from '@app/auth';
import { BookingReader, BookingStatus } from '@app/bookings';
import { isDuplicateKeyError } from '@app/database';
import { RatingEntity } from './rating.entity';
import { badReportInput, ReportError, ReportErrorCode } from './reports.errors';
import { reportMessages } from './reports.messages';

export interface RatingInput {
  facilities: number;
  interpretation?: number | null;
  security?: number | null;
  overall: number;
  comment?: string | null;
}

const SCORES = ['facilities', 'interpretation', 'security', 'overall'] as const;

/** Post-event ratings: the organizer rates each COMPLETED booking of theirs once. */
@Injectable()
export class RatingsService {
  constructor(
    @InjectRepository(RatingEntity) private readonly ratings: Repository<RatingEntity>,
    private readonly bookings: BookingReader,
  ) {}

  async rate(actor: Actor, bookingId: string, input: RatingInput): Promise<RatingEntity> {
    for (const field of SCORES) {
      const value = input[field];
      const optional = field === 'interpretation' || field === 'security';
      if ((value === undefined || value === null) && optional) continue;
      if (!Number.isInteger(value) || value! < 1 || value! > 5)
        throw badReportInput(field, reportMessages.scoreOneToFive(field));
    }
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > 2000)
      throw badReportInput('comment', reportMessages.commentTooLong(2000));

    // Unscoped: another organizer's booking is FORBIDDEN here, not hidden as NOT_FOUND.
    const booking = await this.bookings.byId(bookingId);
    if (!booking)
      throw new ReportError(ReportErrorCode.NOT_FOUND, reportMessages.noBooking(bookingId), 'id');
    if (actor.role !== Role.ORGANIZER || booking.organizerId !== actor.userId)
      throw new ReportError(ReportErrorCode.FORBIDDEN, reportMessages.onlyOwnerRates());
    if (booking.status !== BookingStatus.COMPLETED)
      throw new ReportError(
        ReportErrorCode.NOT_COMPLETED,
        reportMessages.notCompleted(bookingId, booking.status),
      );

    const rating = this.ratings.create({
      bookingId,
      venueId: booking.venueId,
      organizerId: actor.userId,
      facilities: input.facilities,
      interpretation: input.interpretation ?? null,
      security: input.security ?? null,
      overall: input.overall,
      comment,
      createdAt: new Date(),
    });
    try {
      // The unique key on booking_id decides a race between two ratings of one booking.
      return await this.ratings.save(rating);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw alreadyRated(bookingId);
      throw error;
    }
  }

  ratingOf(bookingId: string): Promise<RatingEntity | null> {
    return this.ratings.findOneBy({ bookingId });
  }
}

const alreadyRated = (bookingId: string) =>
  new ReportError(ReportErrorCode.ALREADY_RATED, reportMessages.alreadyRated(bookingId));
