import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 17 subdistricts (街道) of Dongcheng District, Beijing. Reference data, not demo data:
 * every installation needs them, so they come with the schema.
 */
export const DONGCHENG_SUBDISTRICTS: ReadonlyArray<
  [id: number, code: string, nameZh: string, nameEn: string]
> = [
  [1, 'DONGHUAMEN', '东华门街道', 'Donghuamen'],
  [2, 'JINGSHAN', '景山街道', 'Jingshan'],
  [3, 'JIAODAOKOU', '交道口街道', 'Jiaodaokou'],
  [4, 'ANDINGMEN', '安定门街道', 'Andingmen'],
  [5, 'BEIXINQIAO', '北新桥街道', 'Beixinqiao'],
  [6, 'DONGSI', '东四街道', 'Dongsi'],
  [7, 'CHAOYANGMEN', '朝阳门街道', 'Chaoyangmen'],
  [8, 'JIANGUOMEN', '建国门街道', 'Jianguomen'],
  [9, 'DONGZHIMEN', '东直门街道', 'Dongzhimen'],
  [10, 'HEPINGLI', '和平里街道', 'Hepingli'],
  [11, 'QIANMEN', '前门街道', 'Qianmen'],
  [12, 'CHONGWENMENWAI', '崇文门外街道', 'Chongwenmenwai'],
  [13, 'DONGHUASHI', '东花市街道', 'Donghuashi'],
  [14, 'LONGTAN', '龙潭街道', 'Longtan'],
  [15, 'TIYUGUANLU', '体育馆路街道', 'Tiyuguanlu'],
  [16, 'TIANTAN', '天坛街道', 'Tiantan'],
  [17, 'YONGDINGMENWAI', '永定门外街道', 'Yongdingmenwai'],
];

export class DongchengSubdistricts1764000000001 implements MigrationInterface {
  name = 'DongchengSubdistricts1764000000001';

  async up(q: QueryRunner): Promise<void> {
    const rows = DONGCHENG_SUBDISTRICTS.map(() => '(?, ?, ?, ?)').join(', ');
    await q.query(
      `INSERT INTO subdistricts (id, code, name_zh, name_en) VALUES ${rows}`,
      DONGCHENG_SUBDISTRICTS.flat(),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM subdistricts WHERE id BETWEEN 1 AND 17');
  }
}
