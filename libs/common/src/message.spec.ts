import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Locale, messages, namesOf, textIn } from './message';

const ROOT = join(__dirname, '../../..');

/** Every source file of the libs and apps that declares a catalogue with messages(). */
function catalogueFiles(): string[] {
  return ['libs', 'apps'].flatMap((top) =>
    (readdirSync(join(ROOT, top), { recursive: true }) as string[])
      .map((file) => join(top, file))
      .filter((file) => file.endsWith('.ts') && !/\.spec\.ts$/.test(file))
      .filter((file) => /= messages\(\{/.test(readFileSync(join(ROOT, file), 'utf8'))),
  );
}

describe('messages', () => {
  it('are said in the reader’s language', () => {
    const said = messages({
      hello: (name: string) => ({ zh: `你好，${name}`, en: `Hello, ${name}` }),
    });
    expect(textIn(said.hello('Li'), Locale.EN)).toBe('Hello, Li');
    expect(textIn(said.hello('Li'), Locale.ZH_CN)).toBe('你好，Li');
    expect(namesOf({ nameZh: '前门', nameEn: 'Qianmen' })).toEqual({ zh: '前门', en: 'Qianmen' });
  });

  it('come from catalogues that each have a spec checking both languages', () => {
    const files = catalogueFiles();
    expect(files.length).toBeGreaterThanOrEqual(8);
    const unchecked = files.filter((file) => {
      const spec = file.replace(/\.ts$/, '.spec.ts');
      return (
        !existsSync(join(ROOT, spec)) ||
        !/describeMessages\(/.test(readFileSync(join(ROOT, spec), 'utf8'))
      );
    });
    expect(unchecked).toEqual([]);
  });
});
