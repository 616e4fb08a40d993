import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { buildDataSourceOptions } from './data-source.options';
import { selectEntities } from './entity-rows';
import { createTestDatabase, TestDatabase } from './testing';

const csv = {
  to: (value: string[]) => value.join(','),
  from: (value: string) => (value ? value.split(',') : []),
};

/** A column of every kind the entities map, and one never selected. */
@Entity('entity_rows')
class EveryKind {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'owner_id', type: 'bigint', unsigned: true, nullable: true })
  ownerId: string | null;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'char', length: 4 })
  code: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'int', unsigned: true })
  count: number;

  @Column({ type: 'tinyint', unsigned: true })
  level: number;

  @Column({ type: 'smallint', unsigned: true })
  minutes: number;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'at', type: 'datetime', precision: 3 })
  at: Date;

  @Column({ name: 'ended_at', type: 'datetime', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 100, transformer: csv })
  tags: string[];

  @Column({ type: 'varchar', length: 100, select: false })
  secret: string;
}

/** Against the real MariaDB: what selectEntities reads is what a repository reads. */
describe('selectEntities', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({
      ...buildDataSourceOptions({ url: database.url, poolSize: 2 }),
      entities: [EveryKind],
    }).initialize();
    await dataSource.query(`CREATE TABLE entity_rows (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      owner_id BIGINT UNSIGNED NULL,
      name VARCHAR(50) NOT NULL,
      code CHAR(4) NOT NULL,
      note TEXT NULL,
      count INT UNSIGNED NOT NULL,
      level TINYINT UNSIGNED NOT NULL,
      minutes SMALLINT UNSIGNED NOT NULL,
      active TINYINT(1) NOT NULL,
      at DATETIME(3) NOT NULL,
      ended_at DATETIME(3) NULL,
      tags VARCHAR(100) NOT NULL,
      secret VARCHAR(100) NOT NULL
    )`);
    const repository = dataSource.getRepository(EveryKind);
    await repository.save([
      repository.create({
        ownerId: '9007199254740993',
        name: '会议厅 A',
        code: 'QM01',
        note: 'with a note',
        count: 4_000_000_000,
        level: 3,
        minutes: 600,
        active: true,
        at: new Date('2026-06-03T01:02:03.456Z'),
        endedAt: new Date('2026-06-03T05:00:00.000Z'),
        tags: ['GB', 'FR'],
        secret: 'hidden',
      }),
      repository.create({
        ownerId: null,
        name: 'Hall B',
        code: 'JS02',
        note: null,
        count: 0,
        level: 1,
        minutes: 0,
        active: false,
        at: new Date('2026-12-31T23:59:59.999Z'),
        endedAt: null,
        tags: [],
        secret: 'hidden',
      }),
    ]);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('reads every kind of column as the repository does, leaving out what is never selected', async () => {
    const rows = await selectEntities(dataSource.manager, EveryKind, {
      sql: 'e.id > ? ORDER BY e.id',
      params: [0],
    });
    const read = rows.map((row) => row.entity);
    const expected = await dataSource.getRepository(EveryKind).find({ order: { id: 'ASC' } });
    expect(read).toHaveLength(2);
    expect(read).toEqual(expected);
    for (const entity of read) {
      expect(entity).toBeInstanceOf(EveryKind);
      expect(entity.secret).toBeUndefined();
    }
    expect(read[0]).toMatchObject({
      ownerId: '9007199254740993',
      active: true,
      tags: ['GB', 'FR'],
    });
    expect(read[1]).toMatchObject({ ownerId: null, active: false, tags: [], endedAt: null });
  });
});
