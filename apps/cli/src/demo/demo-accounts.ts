import { Locale, Role } from '@app/auth';

/**
 * The demo accounts of the contract, and a manager for every other subdistrict with demo venues
 * (so no request waits for an approver nobody is); every one has the password DEMO_PASSWORD.
 */
export const DEMO_PASSWORD = 'demo1234';

export interface DemoAccount {
  email: string;
  role: Role;
  displayName: string;
  subdistrictCode?: string;
  locale: Locale;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@demo.local',
    role: Role.DISTRICT_ADMIN,
    displayName: '东城区外办 Dongcheng Foreign Affairs Office',
    locale: Locale.ZH_CN,
  },
  {
    email: 'qianmen@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '前门街道 Qianmen Subdistrict',
    subdistrictCode: 'QIANMEN',
    locale: Locale.ZH_CN,
  },
  {
    email: 'jingshan@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '景山街道 Jingshan Subdistrict',
    subdistrictCode: 'JINGSHAN',
    locale: Locale.ZH_CN,
  },
  {
    email: 'manager.donghuamen@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '东华门街道 Donghuamen Subdistrict',
    subdistrictCode: 'DONGHUAMEN',
    locale: Locale.ZH_CN,
  },
  {
    email: 'manager.jiaodaokou@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '交道口街道 Jiaodaokou Subdistrict',
    subdistrictCode: 'JIAODAOKOU',
    locale: Locale.ZH_CN,
  },
  {
    email: 'manager.andingmen@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '安定门街道 Andingmen Subdistrict',
    subdistrictCode: 'ANDINGMEN',
    locale: Locale.ZH_CN,
  },
  {
    email: 'manager.dongsi@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '东四街道 Dongsi Subdistrict',
    subdistrictCode: 'DONGSI',
    locale: Locale.ZH_CN,
  },
  {
    email: 'manager.chaoyangmen@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '朝阳门街道 Chaoyangmen Subdistrict',
    subdistrictCode: 'CHAOYANGMEN',
    locale: Locale.ZH_CN,
  },
  {
    email: 'manager.jianguomen@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '建国门街道 Jianguomen Subdistrict',
    subdistrictCode: 'JIANGUOMEN',
    locale: Locale.ZH_CN,
  },
  {
    email: 'manager.longtan@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '龙潭街道 Longtan Subdistrict',
    subdistrictCode: 'LONGTAN',
    locale: Locale.ZH_CN,
  },
  {
    email: 'manager.tiantan@demo.local',
    role: Role.SUBDISTRICT_MANAGER,
    displayName: '天坛街道 Tiantan Subdistrict',
    subdistrictCode: 'TIANTAN',
    locale: Locale.ZH_CN,
  },
  {
    email: 'organizer@demo.local',
    role: Role.ORGANIZER,
    displayName: 'Beijing International Exchange Association',
    locale: Locale.EN,
  },
  {
    email: 'organizer2@demo.local',
    role: Role.ORGANIZER,
    displayName: '东城文化交流中心 Dongcheng Cultural Exchange Centre',
    locale: Locale.ZH_CN,
  },
  {
    email: 'security@demo.local',
    role: Role.SECURITY_COORDINATOR,
    displayName: '东城公安分局 Dongcheng Public Security Sub-bureau',
    locale: Locale.ZH_CN,
  },
  {
    email: 'interpreter@demo.local',
    role: Role.INTERPRETER,
    displayName: 'Li Na 李娜',
    locale: Locale.EN,
  },
  {
    email: 'officer@demo.local',
    role: Role.SECURITY_OFFICER,
    displayName: '王强 Wang Qiang',
    locale: Locale.ZH_CN,
  },
];
