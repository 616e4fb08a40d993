// Demo staff pools for local development: realistic but invented people.
import { InterpretationMode } from '@app/bookings';
import { SecuritySkill } from '@app/staffing';

export interface DemoInterpreter {
  email: string;
  nameZh: string;
  nameEn: string;
  accreditationLevel: number;
  /** Works zh↔language in these modes. */
  language: string;
  modes: InterpretationMode[];
}

export interface DemoOfficer {
  email: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  clearanceLevel: number;
  skills: SecuritySkill[];
}

const { SIMULTANEOUS, CONSECUTIVE, ESCORT } = InterpretationMode;

const INTERPRETER_NAMES: [string, string][] = [
  ['李娜', 'Li Na'],
  ['陈静', 'Chen Jing'],
  ['王磊', 'Wang Lei'],
  ['赵敏', 'Zhao Min'],
  ['刘洋', 'Liu Yang'],
  ['孙悦', 'Sun Yue'],
  ['周婷', 'Zhou Ting'],
  ['吴昊', 'Wu Hao'],
  ['郑爽', 'Zheng Shuang'],
  ['冯博', 'Feng Bo'],
  ['何雪', 'He Xue'],
  ['高远', 'Gao Yuan'],
  ['林晓', 'Lin Xiao'],
  ['罗丹', 'Luo Dan'],
  ['梁辰', 'Liang Chen'],
  ['宋雨', 'Song Yu'],
  ['唐宁', 'Tang Ning'],
  ['韩雪', 'Han Xue'],
  ['曹阳', 'Cao Yang'],
  ['许诺', 'Xu Nuo'],
  ['邓超', 'Deng Chao'],
  ['彭菲', 'Peng Fei'],
  ['蒋文', 'Jiang Wen'],
  ['沈清', 'Shen Qing'],
];

const LANGUAGES = ['en', 'fr', 'ru', 'ar', 'es', 'ja', 'ko', 'de'];
const MODE_SETS = [
  [SIMULTANEOUS, CONSECUTIVE],
  [CONSECUTIVE, ESCORT],
  [SIMULTANEOUS, CONSECUTIVE, ESCORT],
];

/** Three interpreters for each of eight languages, each working both directions with Chinese. */
export const DEMO_INTERPRETERS: DemoInterpreter[] = LANGUAGES.flatMap((language, l) =>
  [0, 1, 2].map((n) => {
    const [nameZh, nameEn] = INTERPRETER_NAMES[l * 3 + n];
    return {
      email:
        l === 0 && n === 0
          ? 'interpreter@demo.local'
          : `interpreter-${language}-${n + 1}@demo.local`,
      nameZh,
      nameEn,
      accreditationLevel: 3 - n,
      language,
      modes: MODE_SETS[n],
    };
  }),
);

const OFFICER_NAMES: [string, string][] = [
  ['王强', 'Wang Qiang'],
  ['张伟', 'Zhang Wei'],
  ['李军', 'Li Jun'],
  ['刘勇', 'Liu Yong'],
  ['陈刚', 'Chen Gang'],
  ['杨帆', 'Yang Fan'],
  ['黄涛', 'Huang Tao'],
  ['赵亮', 'Zhao Liang'],
  ['周鹏', 'Zhou Peng'],
  ['吴斌', 'Wu Bin'],
  ['徐峰', 'Xu Feng'],
  ['孙浩', 'Sun Hao'],
  ['马超', 'Ma Chao'],
  ['朱明', 'Zhu Ming'],
  ['胡杰', 'Hu Jie'],
  ['郭毅', 'Guo Yi'],
];

const UNITS = [
  '东城分局特警支队 Special Police Detachment',
  '东城分局治安支队 Public Order Detachment',
  '前门派出所 Qianmen Police Station',
  '景山派出所 Jingshan Police Station',
];
const SKILL_SETS: SecuritySkill[][] = [
  [SecuritySkill.VIP_PROTECTION, SecuritySkill.SCREENING],
  [SecuritySkill.CROWD_CONTROL],
  [SecuritySkill.SCREENING, SecuritySkill.CROWD_CONTROL],
  [SecuritySkill.VIP_PROTECTION],
];

/** Sixteen officers across four units, clearance 1 to 3. */
export const DEMO_OFFICERS: DemoOfficer[] = OFFICER_NAMES.map(([nameZh, nameEn], i) => ({
  email: i === 0 ? 'officer@demo.local' : `officer-${String(i + 1).padStart(2, '0')}@demo.local`,
  nameZh,
  nameEn,
  unit: UNITS[i % UNITS.length],
  clearanceLevel: 1 + (i % 3),
  skills: SKILL_SETS[i % SKILL_SETS.length],
}));
