import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError } from '@app/common';
import { CONSTRAINTS_ZH } from './validation.messages';
import { createValidationPipe } from './validation.pipe';
import { RatingInput } from '../reports/rating.input';
import { OpeningHoursInput } from '../venues/venue.input';

const SOURCE = join(__dirname, '..');
const HAN = /\p{Script=Han}/u;

type Class = abstract new (...args: never[]) => object;

/** Every class of the API's sources that class-validator checks. */
async function validatedClasses(): Promise<Class[]> {
  const files = (readdirSync(SOURCE, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .filter((file) => readFileSync(join(SOURCE, file), 'utf8').includes("from 'class-validator'"));
  const modules = await Promise.all(
    files.map((file) => import(join(SOURCE, file)) as Promise<Record<string, unknown>>),
  );
  return modules.flatMap((exported) =>
    Object.values(exported).filter((value): value is Class => typeof value === 'function'),
  );
}

async function refusal(metatype: Class, value: unknown): Promise<DomainError> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: metatype as never, data: 'input' };
  const error: unknown = await createValidationPipe()
    .transform(value, metadata)
    .then(
      () => null,
      (refused: unknown) => refused,
    );
  if (!(error instanceof DomainError)) throw new Error(`not refused: ${JSON.stringify(value)}`);
  return error;
}

describe('validation messages', () => {
  it('say every constraint the inputs use in Chinese', async () => {
    const storage = getMetadataStorage();
    const used = new Set(
      (await validatedClasses()).flatMap((target) =>
        storage
          .getTargetValidationMetadatas(target, '', true, false)
          .filter((metadata) => metadata.type !== 'conditionalValidation') // @IsOptional: never fails
          .map((metadata) => metadata.name ?? metadata.type),
      ),
    );
    for (const raisedByTheValidator of ['nestedValidation', 'whitelistValidation', 'unknownValue'])
      used.add(raisedByTheValidator);
    expect([...used].filter((name) => !CONSTRAINTS_ZH[name])).toEqual([]);
    expect(used.size).toBeGreaterThan(10);
  });

  it.each(Object.keys(CONSTRAINTS_ZH))('say %s in Chinese, with its numbers', (name) => {
    const zh = CONSTRAINTS_ZH[name]('title ', [200, 300]);
    expect(zh).toMatch(HAN);
    if (['min', 'max', 'minLength', 'maxLength', 'arrayMinSize', 'arrayMaxSize'].includes(name))
      expect(zh).toContain('200');
  });

  it("keep class-validator's English and say the Chinese with the constraint's argument", async () => {
    const refused = await refusal(RatingInput, {
      facilities: 3,
      overall: 4,
      comment: 'x'.repeat(2001),
    });
    expect(refused.field).toBe('comment');
    expect(refused.text).toEqual({
      en: 'comment may be at most 2000 characters',
      zh: 'comment 最多 2000 个字符',
    });
  });

  it('keep a decorator’s own English and name the nested field in the Chinese', async () => {
    const refused = await refusal(OpeningHoursInput, {
      weekday: 9,
      opens: '08:00',
      closes: '18:00',
    });
    expect(refused.field).toBe('weekday');
    expect(refused.text).toEqual({
      en: 'weekday must not be greater than 7',
      zh: 'weekday 不能大于 7',
    });
    const clock = await refusal(OpeningHoursInput, { weekday: 1, opens: '8 am', closes: '18:00' });
    expect(clock.text).toEqual({ en: 'opens must be "HH:mm"', zh: 'opens 的格式不正确' });
  });
});
