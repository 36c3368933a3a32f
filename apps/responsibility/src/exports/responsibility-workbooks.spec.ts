import ExcelJS from 'exceljs';
import { ledgerWorkbook, yearListWorkbook, type ExportHeading } from './responsibility-workbooks';
import { STATUS_FILLS } from '@app/platform';

const heading: ExportHeading = { unitName: '郑州市金水区教育局', unitCode: 'JS-JYJ', year: 2025, asOf: '2025-12-31' };

async function open(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

describe('exports laid out as a reviewer prints them', () => {
  test('the year list: merged title, particulars, Chinese headers repeated on every page, one row per item coloured by status', async () => {
    const sheet = await open(
      await yearListWorkbook(heading, [
        {
          key: 'committee.3.1',
          subject: 'committee',
          title: '加强对党风廉政建设的领导',
          responsible: ['张伟', '李娜'],
          deadline: '2025-12-31',
          requiredEvidence: '会议记录、部署文件',
          weight: 10,
          status: 'done',
          doneOn: '2025-06-30',
        },
        {
          key: 'principal_leader.4.2',
          subject: 'principal_leader',
          title: '带头执行廉洁自律规定',
          responsible: ['张伟'],
          deadline: '2025-03-31',
          requiredEvidence: '个人有关事项报告',
          weight: 5,
          status: 'overdue',
        },
      ]),
    );
    expect(sheet.name).toBe('责任清单');
    expect(sheet.getCell('A1').value).toBe('郑州市金水区教育局2025年度党风廉政建设责任清单');
    expect(sheet.model.merges).toEqual(expect.arrayContaining(['A1:I1', 'A2:I2']));
    expect(sheet.getCell('A2').value).toBe('单位：郑州市金水区教育局（JS-JYJ）    统计截至：2025-12-31');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '序号',
      '责任主体',
      '责任事项',
      '责任人',
      '完成时限',
      '佐证材料要求',
      '权重',
      '状态',
      '完成日期',
    ]);
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      1,
      '党委（党组）领导班子',
      '加强对党风廉政建设的领导',
      '张伟、李娜',
      '2025-12-31',
      '会议记录、部署文件',
      10,
      '已完成',
      '2025-06-30',
    ]);
    expect(sheet.getCell('H5').value).toBe('逾期');
    expect(sheet.getCell('I5').value).toBe('');
    expect((sheet.getCell('C5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(STATUS_FILLS.overdue);
    expect(sheet.getCell('C4').font.name).toBe('SimSun');
    expect(sheet.getCell('C4').border.left?.style).toBe('thin');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '3:3' });
    expect(sheet.headerFooter.oddFooter).toBe('第 &P 页，共 &N 页');
    expect(sheet.rowCount).toBe(5);
  });

  test('the ten-things ledger: one row per dated entry with who recorded it, its evidence, progress and status', async () => {
    const sheet = await open(
      await ledgerWorkbook(heading, [
        {
          itemNumber: 3,
          itemTitle: '主持召开党风廉政建设专题会议',
          day: '2025-04-02',
          text: '召开第一季度专题会议，研究部署本年度工作',
          recordedBy: '王芳',
          attachments: ['会议纪要.pdf', '签到表.jpg'],
          progress: 25,
          status: 'on_track',
        },
      ]),
    );
    expect(sheet.name).toBe('工作台账');
    expect(sheet.getCell('A1').value).toBe('郑州市金水区教育局2025年度主要负责人“十件事”工作台账');
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      1,
      '3. 主持召开党风廉政建设专题会议',
      '2025-04-02',
      '召开第一季度专题会议，研究部署本年度工作',
      '王芳',
      '会议纪要.pdf\n签到表.jpg',
      '25%',
      '正常推进',
    ]);
  });
});
