import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  Controller,
  Get,
  Param,
  Query,
  Res,
  StreamableFile,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { Response } from 'express';
import { DateTime } from 'luxon';
import { Actor, CurrentActor, Public, Role } from '@app/auth';
import { isValidId } from '@app/database';
import {
  CapacityReport,
  CapacityReportService,
  PageLanguage,
  renderReportPage,
  REPORT_CSV_TABLES,
  REPORT_PAGE_SCRIPT,
  REPORT_PAGE_STYLES,
  ReportCsvTable,
  reportCsv,
  DISTRICT_TIME_ZONE,
} from '@app/reports';
import { ReportPageGuard } from '../auth/report-page.guard';
import { apiMessages } from '../common/api.messages';
import { RestExceptionFilter } from '../common/rest-exception.filter';
import { ApiError, ApiInputError } from '../graphql/error-codes';

export const REPORT_PAGE_PATH = '/reports/service-capacity';
const CHART_JS_PATH = '/reports/assets/chart.umd.min.js';
const SCRIPT_PATH = '/reports/assets/report-page.js';
const STYLES_PATH = '/reports/assets/report-page.css';
// The UMD build beside the package's CommonJS entry; the package exports no subpath for it.
const CHART_JS_FILE = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

interface RangeParams {
  from?: string;
  to?: string;
  subdistrictId?: string;
}

/**
 * The report page and its CSV downloads, for a browser: the district admin signs in with a
 * bearer token or HTTP Basic (see ReportPageGuard).
 */
@Controller('reports')
@UseFilters(RestExceptionFilter)
export class ReportsController {
  constructor(private readonly reports: CapacityReportService) {}

  @Public()
  @UseGuards(ReportPageGuard)
  @Get('service-capacity')
  async page(
    @CurrentActor() actor: Actor,
    @Query() params: RangeParams & { lang?: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const report = await this.report(actor, params);
    const lang: PageLanguage = params.lang === 'en' ? 'en' : 'zh';
    // A manager's page offers their own subdistrict only.
    const choices = (await this.reports.subdistricts()).filter(
      (choice) => actor.role === Role.DISTRICT_ADMIN || choice.id === actor.subdistrictId,
    );
    response.type('text/html; charset=utf-8').header('Cache-Control', 'no-store');
    return renderReportPage(
      report,
      lang,
      {
        chartJs: CHART_JS_PATH,
        script: SCRIPT_PATH,
        styles: STYLES_PATH,
        self: REPORT_PAGE_PATH,
        csvBase: REPORT_PAGE_PATH,
      },
      choices,
    );
  }

  @Public()
  @UseGuards(ReportPageGuard)
  @Get('service-capacity/:table.csv')
  async csv(
    @CurrentActor() actor: Actor,
    @Param('table') table: string,
    @Query() params: RangeParams,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    if (!(REPORT_CSV_TABLES as readonly string[]).includes(table))
      throw new ApiError('NOT_FOUND', apiMessages.noReportTable(table, REPORT_CSV_TABLES));
    const report = await this.report(actor, params);
    const day = (date: Date) => DateTime.fromJSDate(date, { zone: DISTRICT_TIME_ZONE }).toISODate();
    response
      .type('text/csv; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header(
        'Content-Disposition',
        `attachment; filename="service-capacity-${table}-${day(report.from)}-${day(report.to)}.csv"`,
      );
    return reportCsv(report, table as ReportCsvTable);
  }

  /** Chart.js from node_modules: the page works without internet access. */
  @Public()
  @Get('assets/chart.umd.min.js')
  chartJs(@Res({ passthrough: true }) response: Response): StreamableFile {
    response
      .type('application/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=86400');
    return new StreamableFile(createReadStream(CHART_JS_FILE));
  }

  /** The page's own script and styles (its policy allows no inline ones). */
  @Public()
  @Get('assets/report-page.js')
  script(@Res({ passthrough: true }) response: Response): string {
    response.type('application/javascript; charset=utf-8').header('Cache-Control', 'no-cache');
    return REPORT_PAGE_SCRIPT;
  }

  @Public()
  @Get('assets/report-page.css')
  styles(@Res({ passthrough: true }) response: Response): string {
    response.type('text/css; charset=utf-8').header('Cache-Control', 'no-cache');
    return REPORT_PAGE_STYLES;
  }

  /** Defaults: the 30 days before today and the 60 after (days in Beijing), the whole district. */
  private async report(actor: Actor, params: RangeParams): Promise<CapacityReport> {
    const today = DateTime.now().setZone(DISTRICT_TIME_ZONE).startOf('day');
    const from = params.from
      ? parseInstant('from', params.from)
      : today.minus({ days: 30 }).toJSDate();
    const to = params.to ? parseInstant('to', params.to) : today.plus({ days: 60 }).toJSDate();
    const subdistrictId = params.subdistrictId || undefined;
    if (subdistrictId && !isValidId(subdistrictId))
      throw new ApiInputError('subdistrictId', apiMessages.notAValidId('subdistrictId'));
    return this.reports.report(actor, { from, to, subdistrictId });
  }
}

/** An ISO instant, or a bare date (the page's date fields) as midnight in Beijing. */
function parseInstant(field: string, value: string): Date {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? DateTime.fromISO(value, { zone: DISTRICT_TIME_ZONE }).toJSDate()
      : new Date(value);
  if (Number.isNaN(date.getTime())) throw new ApiInputError(field, apiMessages.notAnInstant(field));
  return date;
}
