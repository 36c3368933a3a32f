import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PETITION_CHANNELS, PETITION_SCREENING_OUTCOMES } from '@app/contracts';
import { CommandResponseDto } from '@app/kit';
import { PETITION_DEADLINES, PETITION_RESULTS, PROTECTED_READ_CAPACITIES, PROTECTED_READ_DENIALS } from './petition.events';

export class PetitionRegisteredResponse extends CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) petitionId!: string;
}

export class ProtectedAccessView {
  @ApiProperty({ description: 'Staff number of the reader' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() granted!: boolean;
  @ApiPropertyOptional({ enum: PROTECTED_READ_CAPACITIES }) as?: string;
  @ApiPropertyOptional({ enum: PROTECTED_READ_DENIALS }) ground?: string;
}

export class PetitionScreeningView {
  @ApiProperty({ enum: PETITION_SCREENING_OUTCOMES }) outcome!: string;
  @ApiProperty({ example: '2026-03-03' }) on!: string;
  @ApiProperty() by!: string;
  @ApiPropertyOptional({ description: 'forwarded or transferred: the commission it went to' }) to?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ format: 'uuid' }) repeatOf?: string;
}

/** A petition without its protected fields; a forwarded one is its stub (number, days, where it went). */
export class PetitionView {
  @ApiProperty({ format: 'uuid' }) petitionId!: string;
  @ApiProperty({ example: 'XF-2026-1A2B3C4D' }) number!: string;
  @ApiProperty() receivingCommission!: string;
  @ApiProperty({ enum: ['registered', 'accepted', 'forwarded', 'transferred', 'not_accepted', 'repeat'] }) status!: string;
  @ApiProperty() receivedOn!: string;
  @ApiProperty() registeredOn!: string;
  @ApiPropertyOptional({ enum: PETITION_CHANNELS }) channel?: string;
  @ApiPropertyOptional() named?: boolean;
  @ApiPropertyOptional({ type: [String] }) reportedPersons?: string[];
  @ApiPropertyOptional({ type: [String] }) reportedUnits?: string[];
  @ApiPropertyOptional({ description: 'It reports on the receiving commission’s own secretary' }) concernsOwnLeader?: boolean;
  @ApiPropertyOptional({ description: 'Named petitions: the day the reporter must be told of acceptance' }) acceptanceNoticeDueOn?: string;
  @ApiPropertyOptional({ type: [String], description: 'Assigned officers' }) officers?: string[];
  @ApiPropertyOptional() screenedOn?: string;
  @ApiPropertyOptional({ description: 'Forwarded: the higher commission' }) forwardedTo?: string;
  @ApiPropertyOptional() forwardedOn?: string;
  @ApiPropertyOptional({ description: 'Forwarded: last day on time (rule petition.forward_to_higher)' }) forwardDueOn?: string;
  @ApiPropertyOptional({ type: PetitionScreeningView }) screening?: PetitionScreeningView;
  @ApiPropertyOptional({ description: 'The day the reporter was told of acceptance' }) acceptanceNotifiedOn?: string;
  @ApiPropertyOptional({ enum: PETITION_RESULTS, description: 'Concluded (办结): the result' }) result?: string;
  @ApiPropertyOptional() concludedOn?: string;
  @ApiPropertyOptional({ description: 'Named petitions: the day the reporter must be told of the result' }) resultNoticeDueOn?: string;
  @ApiPropertyOptional({ description: 'The day the reporter was told of the result' }) resultNotifiedOn?: string;
  @ApiPropertyOptional({ enum: PETITION_DEADLINES, isArray: true, description: 'Deadlines recorded as missed' }) missed?: string[];
  @ApiProperty({ type: [ProtectedAccessView], description: 'Every attempt to read the protected fields' })
  accessLog!: ProtectedAccessView[];
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class PendingDeadlineView {
  @ApiProperty({ enum: PETITION_DEADLINES }) deadline!: string;
  @ApiProperty({ example: '2026-03-23' }) dueOn!: string;
  @ApiProperty({ description: 'Its day passed with nothing done (recorded)' }) missed!: boolean;
}

/** A petition in a commission's list: no protected field, no person named. */
export class PetitionListItem {
  @ApiProperty({ format: 'uuid' }) petitionId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: ['registered', 'accepted', 'forwarded', 'transferred', 'not_accepted', 'repeat'] }) status!: string;
  @ApiProperty() receivedOn!: string;
  @ApiProperty() registeredOn!: string;
  @ApiPropertyOptional({ enum: PETITION_RESULTS }) result?: string;
  @ApiProperty({ description: 'A deadline was missed and is still not met' }) overdue!: boolean;
  @ApiProperty({ type: [PendingDeadlineView] }) deadlines!: PendingDeadlineView[];
}

export class PetitionListView {
  @ApiProperty({ type: [PetitionListItem] }) items!: PetitionListItem[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page; null on the last' }) next!: string | null;
}

export class ReporterView {
  @ApiProperty() name!: string;
  @ApiProperty() contact!: string;
}

export class ProtectedFieldsView {
  @ApiProperty({ format: 'uuid' }) petitionId!: string;
  @ApiProperty() number!: string;
  @ApiProperty() named!: boolean;
  @ApiPropertyOptional({ type: ReporterView }) reporter?: ReporterView;
  @ApiProperty() content!: string;
  @ApiProperty({ description: 'Stream version with this read recorded' }) version!: number;
}
