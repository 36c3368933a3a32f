import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import type { OpenedInquiry } from './inquiry.decider';

export type InquiryView = OpenedInquiry & { readonly version: number };

/** The inquiries read model (`case_inquiries`), one folded row per inquiry. */
@Injectable()
export class InquiryReads {
  constructor(private readonly dataSource: DataSource) {}

  async require(inquiryId: string): Promise<InquiryView> {
    const [row] = await this.dataSource.query<{ state: OpenedInquiry; version: number }[]>(
      'SELECT state, version FROM case_inquiries WHERE inquiry_id = $1',
      [inquiryId.toLowerCase()],
    );
    if (!row) throw new DomainError('INQUIRY.NOT_FOUND', `No inquiry ${inquiryId}.`, 'not_found', { inquiryId });
    return { ...row.state, version: row.version };
  }

  /** Inquiries whose reply was due before `today`, still awaited and not yet marked overdue. */
  async overdue(today: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ inquiry_id: string }[]>(
      'SELECT inquiry_id FROM case_inquiries WHERE reply_due_on < $1::date ORDER BY reply_due_on',
      [today],
    );
    return rows.map((row) => row.inquiry_id);
  }
}
