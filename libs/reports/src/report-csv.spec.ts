import { parse } from 'csv-parse/sync';
import { CapacityReport, ServedFigures } from './capacity-report';
import { reportCsv } from './report-csv';

const none: ServedFigures = {
  openHours: 40,
  bookedHours: 8,
  utilisation: 0.2,
  events: 3,
  foreignGuests: 0,
  byProtocol: { STANDARD: 3, HIGH: 0, STATE: 0 },
  approvals: 0,
  leadTimeMedianHours: null,
  leadTimeP90Hours: null,
};

/** A report whose names a manager or an officer chose, as a spreadsheet would read them. */
const report = {
  venues: [
    { ...none, venueId: '1', subdistrictId: '11', serviceScore: 4.5 },
    { ...none, venueId: '2', subdistrictId: '11', serviceScore: 4 },
  ].map((row, i) => ({
    ...row,
    nameZh: ['=HYPERLINK("http://evil.example","点击")', '前门会议厅'][i],
    nameEn: ['+cmd|calc', '-2 Hall'][i],
  })),
  securityLoad: [
    { staffId: '7', nameZh: '@SUM(A1)', nameEn: '\tTab', assignments: 2, hours: 5 },
    { staffId: '8', nameZh: '王强', nameEn: '\rReturn', assignments: 1, hours: 2 },
  ],
} as unknown as CapacityReport;

describe('report CSVs', () => {
  it('keeps text a spreadsheet would run as a formula from running: a leading apostrophe', () => {
    const venues = parse<Record<string, string>>(reportCsv(report, 'venues'), {
      columns: true,
      bom: true,
    });
    expect(venues.map((row) => [row.name_zh, row.name_en])).toEqual([
      [`'=HYPERLINK("http://evil.example","点击")`, `'+cmd|calc`],
      ['前门会议厅', `'-2 Hall`],
    ]);
    const staff = parse<Record<string, string>>(reportCsv(report, 'security-load'), {
      columns: true,
      bom: true,
    });
    expect(staff.map((row) => [row.name_zh, row.name_en])).toEqual([
      [`'@SUM(A1)`, `'\tTab`],
      ['王强', `'\rReturn`],
    ]);
  });

  it('leaves numbers as they are', () => {
    const [row] = parse(reportCsv(report, 'venues'), { columns: true, bom: true });
    expect(row).toMatchObject({ service_score: '4.5', utilisation: '0.2', open_hours: '40' });
  });
});
