import { errorCode, TestApi } from './support/test-api';

const STAFF = `query($filter: StaffFilter, $first: Int) {
  staff(filter: $filter, first: $first) {
    totalCount
    edges { node { id kind nameZh nameEn accreditationLevel clearanceLevel unit languagePairs { from to mode } skills weeklyAvailability { weekday from until } } }
  }
}`;

describe('staff pools', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    admin = await api.login('admin@demo.local');
  });

  afterAll(() => api.close());

  it('seeds interpreters for zh with en, fr, ru, ar, es, ja, ko and de, in both directions', async () => {
    for (const language of ['en', 'fr', 'ru', 'ar', 'es', 'ja', 'ko', 'de']) {
      const { data } = await api.gql(STAFF, { filter: { kind: 'INTERPRETER', language } }, admin);
      expect(data.staff.totalCount).toBeGreaterThanOrEqual(3);
      for (const { node } of data.staff.edges) {
        expect(node.languagePairs).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ from: 'zh', to: language }),
            expect.objectContaining({ from: language, to: 'zh' }),
          ]),
        );
      }
    }
  });

  it('filters by mode and by clearance', async () => {
    const simultaneous = await api.gql(
      STAFF,
      { filter: { language: 'ar', mode: 'SIMULTANEOUS' } },
      admin,
    );
    expect(simultaneous.data.staff.totalCount).toBeGreaterThan(0);
    for (const { node } of simultaneous.data.staff.edges) {
      expect(
        node.languagePairs.some(
          (p: any) => p.mode === 'SIMULTANEOUS' && (p.from === 'ar' || p.to === 'ar'),
        ),
      ).toBe(true);
    }
    const cleared = await api.gql(
      STAFF,
      { filter: { kind: 'SECURITY_OFFICER', minClearance: 3 }, first: 50 },
      admin,
    );
    expect(cleared.data.staff.totalCount).toBeGreaterThan(0);
    expect(
      cleared.data.staff.edges.every(
        (e: any) => e.node.clearanceLevel === 3 && e.node.kind === 'SECURITY_OFFICER',
      ),
    ).toBe(true);
    const vip = cleared.data.staff.edges.flatMap((e: any) => e.node.skills);
    expect(vip).toContain('VIP_PROTECTION');
  });

  it('finds staff by name in either language and shows their weekly availability', async () => {
    const zh = await api.gql(STAFF, { filter: { text: '李娜' } }, admin);
    const en = await api.gql(STAFF, { filter: { text: 'li na' } }, admin);
    expect(zh.data.staff.edges[0].node.id).toBe(en.data.staff.edges[0].node.id);
    expect(zh.data.staff.edges[0].node.weeklyAvailability[0]).toEqual({
      weekday: 1,
      from: '08:00',
      until: '20:00',
    });
  });

  it('is open to planners, not to organizers or staff', async () => {
    for (const email of ['qianmen@demo.local', 'security@demo.local']) {
      expect((await api.gql(STAFF, {}, await api.login(email))).errors).toBeUndefined();
    }
    for (const email of ['organizer@demo.local', 'interpreter@demo.local']) {
      expect(errorCode(await api.gql(STAFF, {}, await api.login(email)))).toBe('FORBIDDEN');
    }
  });
});
