import { describeMessages } from '@app/common/testing';
import { authMessages } from './auth.messages';
import { Role } from './role';

describeMessages('auth', authMessages, {
  tokenRequired: [],
  tokenExpired: [],
  tokenInvalid: [],
  tokenNoLongerValid: [],
  wrongCredentials: [],
  accountInactive: [],
  notOpenTo: [Role.INTERPRETER],
  onlyAdminCreatesUsers: [],
  emailTaken: ['someone@example.org'],
  unknownSubdistrict: [],
  managerNeedsSubdistrict: [],
  onlyManagersHaveSubdistrict: [],
  nameLength: ['nameEn'],
  badPhone: [],
  passwordLength: [8, 128],
  passwordUnchanged: [],
  currentPasswordWrong: [],
  tooManyChangesFromAddress: [37],
  tooManyChanges: [37],
  tooManySubscriptionsFromAddress: [37],
  tooManySubscriptions: [37],
  tooManySignInsFromAddress: [37],
  tooManyFailedSignIns: [37],
});
