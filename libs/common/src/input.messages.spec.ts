import { inputMessages } from './input.messages';
import { describeMessages } from './testing';

describeMessages('input', inputMessages, {
  mustBeAfter: ['endsAt', 'startsAt'],
  mustBeInFuture: ['startsAt'],
  mustNotBeEmpty: ['title'],
  atMostCharacters: ['reason', 1000],
  unknownTimeZone: ['Mars/Olympus'],
  unknownLanguage: ['xx-Klingon'],
  listedTwice: ['PROJECTOR'],
});
