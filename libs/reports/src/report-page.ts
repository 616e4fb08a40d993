import { DateTime } from 'luxon';
import { CapacityReport } from './capacity-report';

/** The zone the page shows dates in and reads its date fields in. */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

export type PageLanguage = 'zh' | 'en';

export interface ReportPageLinks {
  /** Where the page loads Chart.js from (served by the API from node_modules). */
  chartJs: string;
  /** Where it loads REPORT_PAGE_SCRIPT and REPORT_PAGE_STYLES from. */
  script: string;
  styles: string;
  /** The page itself, for the language switch and the range form. */
  self: string;
  /** Base of the CSV downloads: `${csvBase}/<table>.csv`. */
  csvBase: string;
}

const TEXT = {
  zh: {
    title: '涉外活动场地服务能力报告',
    range: '统计区间',
    from: '开始',
    to: '结束',
    subdistrict: '街道',
    all: '全区',
    show: '查询',
    other: 'English',
    totals: '总计',
    openHours: '开放小时',
    bookedHours: '预订小时',
    utilisation: '利用率',
    events: '活动场次',
    foreignGuests: '外宾人数',
    leadMedian: '审批时长中位数（小时）',
    leadP90: '审批时长P90（小时）',
    unmet: '未满足需求',
    utilisationChart: '各街道场地利用率',
    protocolChart: '按礼宾级别的活动场次',
    leadChart: '审批时长（小时）',
    unmetChart: '未满足需求（按原因）',
    coverageChart: '口译覆盖（按语言对，小时）',
    securityChart: '安保人员工作量（小时）',
    requested: '需求',
    staffed: '已配备',
    median: '中位数',
    venues: '场地',
    score: '服务能力评分',
    downloads: 'CSV 下载',
    hours: '小时',
  },
  en: {
    title: 'Service capacity of venues for foreign-related events',
    range: 'Range',
    from: 'From',
    to: 'To',
    subdistrict: 'Subdistrict',
    all: 'Whole district',
    show: 'Show',
    other: '中文',
    totals: 'Totals',
    openHours: 'Open hours',
    bookedHours: 'Booked hours',
    utilisation: 'Utilisation',
    events: 'Events',
    foreignGuests: 'Foreign guests',
    leadMedian: 'Approval lead time, median (h)',
    leadP90: 'Approval lead time, p90 (h)',
    unmet: 'Unmet demand',
    utilisationChart: 'Utilisation by subdistrict',
    protocolChart: 'Events by protocol level',
    leadChart: 'Approval lead time (hours)',
    unmetChart: 'Unmet demand by reason',
    coverageChart: 'Interpreter coverage by language pair (hours)',
    securityChart: 'Security officer load (hours)',
    requested: 'Requested',
    staffed: 'Staffed',
    median: 'Median',
    venues: 'Venues',
    score: 'Service score',
    downloads: 'CSV downloads',
    hours: 'hours',
  },
} as const;

const REASONS = {
  zh: {
    CAPACITY: '容量不足',
    FACILITY: '设施不足',
    LANGUAGE: '语种不足',
    SECURITY_LEVEL: '安保等级不足',
    SLOT_TAKEN: '时段已占',
    OTHER: '其他（驳回、过期）',
  },
  en: {
    CAPACITY: 'Capacity',
    FACILITY: 'Facility',
    LANGUAGE: 'Language',
    SECURITY_LEVEL: 'Security level',
    SLOT_TAKEN: 'Slot taken',
    OTHER: 'Other (rejected, expired)',
  },
} as const;

const PROTOCOLS = {
  zh: { STANDARD: '一般', HIGH: '高规格', STATE: '国事级' },
  en: { STANDARD: 'Standard', HIGH: 'High', STATE: 'State' },
} as const;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const fmt = (value: number | null) => (value === null ? '–' : String(value));
const pct = (value: number | null) => (value === null ? '–' : `${Math.round(value * 1000) / 10}%`);

/**
 * The page's script and styles, served as files of their own: its Content-Security-Policy runs
 * no inline script or style.
 */
export const REPORT_PAGE_STYLES = `
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 16px; margin: 8px 0; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.figure { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; min-width: 140px; }
.figure b { display: block; font-size: 20px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 16px; }
.box { position: relative; height: 280px; }
table { border-collapse: collapse; margin-top: 16px; } td, th { border: 1px solid #ddd; padding: 4px 8px; text-align: right; }
td:first-child, th:first-child { text-align: left; }
`;

/** Draws the charts from the embedded data; animation off so a screenshot shows them whole. */
export const REPORT_PAGE_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  function chart(id, type, labels, datasets, options) {
    new Chart(document.getElementById(id), { type: type, data: { labels: labels, datasets: datasets }, options: options || {} });
  }
  var colours = ['#b22222', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
  var t = data.text;
  var subdistricts = data.subdistricts;
  chart('chart-utilisation', 'bar', subdistricts.map(function (s) { return s.name; }),
    [{ label: t.utilisation, data: subdistricts.map(function (s) { return s.utilisation === null ? 0 : Math.round(s.utilisation * 1000) / 10; }), backgroundColor: colours[0] }],
    { scales: { y: { beginAtZero: true, title: { display: true, text: '%' } } } });
  chart('chart-protocol', 'bar', subdistricts.map(function (s) { return s.name; }),
    data.protocols.map(function (p, i) {
      return { label: p.label, data: subdistricts.map(function (s) { return s.byProtocol[p.level]; }), backgroundColor: colours[i] };
    }),
    { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } });
  chart('chart-lead', 'bar', subdistricts.map(function (s) { return s.name; }),
    [{ label: t.median, data: subdistricts.map(function (s) { return s.leadTimeMedianHours; }), backgroundColor: colours[1] },
     { label: 'P90', data: subdistricts.map(function (s) { return s.leadTimeP90Hours; }), backgroundColor: colours[3] }],
    { scales: { y: { beginAtZero: true } } });
  chart('chart-unmet', 'bar', data.reasons.map(function (r) { return r.label; }),
    data.sources.map(function (source, i) {
      return { label: source, data: data.reasons.map(function (r) { return data.unmet[source + '|' + r.reason] || 0; }), backgroundColor: colours[i % colours.length] };
    }),
    { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } });
  chart('chart-coverage', 'bar', data.coverage.map(function (c) { return c.languageFrom + '→' + c.languageTo; }),
    [{ label: t.requested, data: data.coverage.map(function (c) { return c.requestedHours; }), backgroundColor: colours[5] },
     { label: t.staffed, data: data.coverage.map(function (c) { return c.staffedHours; }), backgroundColor: colours[2] }],
    { scales: { y: { beginAtZero: true } } });
  chart('chart-security', 'bar', data.security.map(function (s) { return s.name; }),
    [{ label: t.hours, data: data.security.map(function (s) { return s.hours; }), backgroundColor: colours[4] }],
    { indexAxis: 'y', scales: { x: { beginAtZero: true } } });
  window.reportChartsDrawn = document.querySelectorAll('canvas').length;
})();
`;

/** The report page: figures as tables, charts drawn by Chart.js, in Chinese or English. */
export function renderReportPage(
  report: CapacityReport,
  lang: PageLanguage,
  links: ReportPageLinks,
  subdistrictChoices: { id: string; nameZh: string; nameEn: string }[],
): string {
  const t = TEXT[lang];
  const nameOf = (row: { nameZh: string; nameEn: string }) =>
    lang === 'zh' ? row.nameZh : row.nameEn;
  const local = (date: Date) => DateTime.fromJSDate(date, { zone: DISTRICT_TIME_ZONE });
  const day = (date: Date) => local(date).toISODate();
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams({
      from: report.from.toISOString(),
      to: report.to.toISOString(),
      ...(report.subdistrictId ? { subdistrictId: report.subdistrictId } : {}),
      ...extra,
    });
    return params.toString();
  };
  const sources = [...new Set(report.unmetDemand.map((row) => row.source))];
  const clientData = {
    text: t,
    subdistricts: report.subdistricts.map((row) => ({ ...row, name: nameOf(row) })),
    protocols: (['STANDARD', 'HIGH', 'STATE'] as const).map((level) => ({
      level,
      label: PROTOCOLS[lang][level],
    })),
    reasons: (Object.keys(REASONS[lang]) as (keyof (typeof REASONS)['en'])[]).map((reason) => ({
      reason,
      label: REASONS[lang][reason],
    })),
    sources: sources.length ? sources : ['—'],
    unmet: Object.fromEntries(
      report.unmetDemand.map((row) => [`${row.source}|${row.reason}`, row.count]),
    ),
    coverage: report.interpreterCoverage,
    security: report.securityLoad
      .slice(0, 30)
      .map((row) => ({ name: nameOf(row), hours: row.hours })),
  };
  const totals = report.totals;
  const venueRows = report.venues
    .map(
      (row) => `<tr><td>${escapeHtml(nameOf(row))}</td><td>${row.serviceScore}</td>
        <td>${row.openHours}</td><td>${row.bookedHours}</td><td>${pct(row.utilisation)}</td>
        <td>${row.events}</td><td>${row.foreignGuests}</td><td>${fmt(row.leadTimeMedianHours)}</td>
        <td>${fmt(row.leadTimeP90Hours)}</td></tr>`,
    )
    .join('\n');
  const options = [
    `<option value="">${t.all}</option>`,
    ...subdistrictChoices.map(
      (choice) =>
        `<option value="${escapeHtml(choice.id)}"${choice.id === report.subdistrictId ? ' selected' : ''}>${escapeHtml(nameOf(choice))}</option>`,
    ),
  ].join('');
  const csvLinks = [
    'venues',
    'subdistricts',
    'unmet-demand',
    'interpreter-coverage',
    'security-load',
  ]
    .map(
      (table) =>
        `<a href="${links.csvBase}/${table}.csv?${escapeHtml(query({}))}">${table}.csv</a>`,
    )
    .join(' · ');
  const chartBox = (id: string, title: string) =>
    `<section class="chart"><h2>${title}</h2><div class="box"><canvas id="${id}"></canvas></div></section>`;

  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<link rel="stylesheet" href="${links.styles}">
</head>
<body>
<h1>${t.title}</h1>
<form method="get" action="${links.self}">
  ${t.range}: <label>${t.from} <input type="date" name="from" value="${day(report.from)}"></label>
  <label>${t.to} <input type="date" name="to" value="${day(report.to)}"></label>
  <label>${t.subdistrict} <select name="subdistrictId">${options}</select></label>
  <input type="hidden" name="lang" value="${lang}">
  <button type="submit">${t.show}</button>
  <a href="${links.self}?${escapeHtml(query({ lang: lang === 'zh' ? 'en' : 'zh' }))}">${t.other}</a>
</form>
<p>${local(report.from).toFormat('yyyy-MM-dd HH:mm')} – ${local(report.to).toFormat('yyyy-MM-dd HH:mm')} (${DISTRICT_TIME_ZONE})</p>
<div class="figures" id="totals">
  <div class="figure">${t.utilisation}<b>${pct(totals.utilisation)}</b></div>
  <div class="figure">${t.events}<b>${totals.events}</b></div>
  <div class="figure">${t.foreignGuests}<b>${totals.foreignGuests}</b></div>
  <div class="figure">${t.bookedHours}<b>${totals.bookedHours}</b></div>
  <div class="figure">${t.openHours}<b>${totals.openHours}</b></div>
  <div class="figure">${t.leadMedian}<b>${fmt(totals.leadTimeMedianHours)}</b></div>
  <div class="figure">${t.leadP90}<b>${fmt(totals.leadTimeP90Hours)}</b></div>
  <div class="figure">${t.unmet}<b>${totals.unmetDemand}</b></div>
</div>
<div class="charts">
  ${chartBox('chart-utilisation', t.utilisationChart)}
  ${chartBox('chart-protocol', t.protocolChart)}
  ${chartBox('chart-lead', t.leadChart)}
  ${chartBox('chart-unmet', t.unmetChart)}
  ${chartBox('chart-coverage', t.coverageChart)}
  ${chartBox('chart-security', t.securityChart)}
</div>
<h2>${t.venues}</h2>
<table id="venues">
<tr><th>${t.venues}</th><th>${t.score}</th><th>${t.openHours}</th><th>${t.bookedHours}</th><th>${t.utilisation}</th>
<th>${t.events}</th><th>${t.foreignGuests}</th><th>${t.leadMedian}</th><th>${t.leadP90}</th></tr>
${venueRows}
</table>
<p>${t.downloads}: ${csvLinks}</p>
<script id="report-data" type="application/json">${scriptJson(clientData)}</script>
<script src="${links.chartJs}"></script>
<script src="${links.script}"></script>
</body>
</html>
`;
}
