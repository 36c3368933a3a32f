import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusQuery } from '@app/kit';
import { RegistryView } from '@app/registry-view';
import { ledgerWorkbook, type LedgerLine } from '../exports/responsibility-workbooks';
import { ResponsibilityActors } from '../responsibility-actors';
import { TenThingsReads, type TenThingsView } from './ten-things.reads';

/** Ten-things reads, within the caller's reach over the unit (`ResponsibilityActors.assertMayRead`). */

interface ProjectKey {
  readonly unitCode: string;
  readonly year: number;
  readonly number: number;
}

export class GetTenThingsProject extends BusQuery<ProjectKey, TenThingsView> {}

@QueryHandler(GetTenThingsProject)
export class GetTenThingsProjectHandler implements IQueryHandler<GetTenThingsProject> {
  constructor(
    private readonly reads: TenThingsReads,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params: { unitCode, year, number }, principal }: GetTenThingsProject): Promise<TenThingsView> {
    await this.actors.assertMayRead(principal, unitCode, chinaDay(new Date()));
    return this.reads.require(unitCode, year, number);
  }
}

export class ListTenThings extends BusQuery<
  { readonly unitCode: string; readonly year: number },
  { unitCode: string; year: number; projects: TenThingsView[] }
> {}

@QueryHandler(ListTenThings)
export class ListTenThingsHandler implements IQueryHandler<ListTenThings> {
  constructor(
    private readonly reads: TenThingsReads,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params: { unitCode, year }, principal }: ListTenThings) {
    await this.actors.assertMayRead(principal, unitCode, chinaDay(new Date()));
    return { unitCode, year, projects: await this.reads.ofUnit(unitCode, year) };
  }
}

/** The unit's ten-things ledger of a year as the printed workbook (主要负责人"十件事"工作台账). */
export class ExportTenThingsLedger extends BusQuery<{ readonly unitCode: string; readonly year: number }, Buffer> {}

@QueryHandler(ExportTenThingsLedger)
export class ExportTenThingsLedgerHandler implements IQueryHandler<ExportTenThingsLedger> {
  constructor(
    private readonly reads: TenThingsReads,
    private readonly actors: ResponsibilityActors,
    private readonly view: RegistryView,
  ) {}

  async execute({ params: { unitCode, year }, principal }: ExportTenThingsLedger): Promise<Buffer> {
    const today = chinaDay(new Date());
    await this.actors.assertMayRead(principal, unitCode, today);
    const [unit, projects] = await Promise.all([this.view.unitOn(unitCode, today), this.reads.ofUnit(unitCode, year)]);
    const lines: LedgerLine[] = projects.flatMap((project) =>
      project.ledger.map((entry) => ({
        itemNumber: project.number,
        itemTitle: project.title,
        day: entry.day,
        text: entry.text,
        recordedBy: entry.recordedBy,
        attachments: entry.attachments.map((attachment) => attachment.name),
        progress: entry.progress,
        status: project.status === 'completed' ? 'done' : 'on_track',
      })),
    );
    return ledgerWorkbook({ unitName: unit?.name ?? unitCode, unitCode, year, asOf: today }, lines);
  }
}
