import { Bilingual } from '../message';

type Entries = Record<string, (...args: never[]) => Bilingual>;

/** Sample facts for every message of a catalogue: the type makes a new message need its sample. */
export type MessageSamples<C extends Entries> = { [K in keyof C]: Parameters<C[K]> };

const HAN = /\p{Script=Han}/u;
const UTC_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function isBilingual(value: unknown): value is Bilingual {
  return typeof value === 'object' && value !== null && 'zh' in value && 'en' in value;
}

interface Fact {
  zh: string;
  en: string;
  /** A noun given in both languages, which English may lower-case mid-sentence. */
  noun: boolean;
}

/** The facts a sample passes, each as the text it shows in Chinese and in English. */
function factsOf(args: readonly unknown[]): Fact[] {
  return args.flatMap((arg): Fact[] => {
    if (Array.isArray(arg)) return factsOf(arg);
    if (isBilingual(arg)) return [{ ...arg, noun: true }];
    if (typeof arg === 'string' || typeof arg === 'number')
      return [{ zh: String(arg), en: String(arg), noun: false }];
    return [];
  });
}

/**
 * Checks every message of a catalogue with its sample facts: both languages written (Chinese in
 * the Chinese, none in the English), a fact shown in one language shown in the other, and no
 * time shown as a UTC instant.
 */
export function describeMessages<C extends Entries>(
  name: string,
  catalogue: C,
  samples: MessageSamples<C>,
): void {
  describe(`${name} messages`, () => {
    it('has a sample for every message', () => {
      expect(Object.keys(samples).sort()).toEqual(Object.keys(catalogue).sort());
    });

    it.each(Object.keys(catalogue))('%s is written in both languages', (key) => {
      const args = samples[key] as unknown as never[];
      const { zh, en } = catalogue[key](...args);
      expect(zh.trim()).not.toBe('');
      expect(zh).toMatch(HAN);
      expect(en).toMatch(/[a-z]/i);
      expect(en).not.toMatch(HAN);
      expect(zh).not.toMatch(UTC_INSTANT);
      expect(en).not.toMatch(UTC_INSTANT);
      for (const fact of factsOf(args)) {
        const inEn = fact.noun
          ? en.toLowerCase().includes(fact.en.toLowerCase())
          : en.includes(fact.en);
        expect({ fact: fact.en, inZh: zh.includes(fact.zh) }).toEqual({
          fact: fact.en,
          inZh: inEn,
        });
      }
    });
  });
}
