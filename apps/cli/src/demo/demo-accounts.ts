import { Locale, Role } from '@app/auth';

/** The demo accounts of the contract; every one has the password DEMO_PASSWORD. */
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
