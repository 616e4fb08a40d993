import { describeMessages } from '@app/common/testing';
import { reportMessages } from './reports.messages';

describeMessages('report', reportMessages, {
  noBooking: ['4711'],
  noSubdistrict: ['77'],
  reportTooLong: [400],
  ownSubdistrictOnly: [],
  reportsForAdminsAndManagers: [],
  scoreOneToFive: ['overall'],
  commentTooLong: [2000],
  onlyOwnerRates: [],
  notCompleted: ['4711', 'APPROVED'],
  alreadyRated: ['4711'],
});
