import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponseDto } from '@app/kit';
import { POST_KINDS } from './posts';
import { APPOINTMENT_END_REASONS, PAIRING_END_REASONS } from './unit.events';
import { UNIT_KINDS, UNIT_LEVELS } from './unit-kinds';

/** The schemas of the Unit routes' answers, as the query handlers and the command path give them. */

const DAY = { example: '2025-01-01', format: 'date' } as const;

export class AppointmentCreatedView extends CommandResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Derived from the Idempotency-Key when one is sent, so a retry names the same appointment' })
  appointmentId!: string;
}

export class UnitTreeNodeView {
  @ApiProperty({ example: 'JS-JYJ' }) code!: string;
  @ApiProperty({ example: '金水区教育局', description: 'The name on that day' }) name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: string;
  @ApiProperty({ type: () => [UnitTreeNodeView], description: 'Units under it on that day' }) children!: UnitTreeNodeView[];
}

export class UnitTreeView {
  @ApiProperty(DAY) day!: string;
  @ApiProperty({ type: [UnitTreeNodeView], description: 'Top-level units (or the root asked for), each with its subtree' })
  units!: UnitTreeNodeView[];
}

export class UnitSummaryView {
  @ApiProperty({ example: 'JS-JYJ' }) code!: string;
  @ApiProperty({ example: '金水区教育局', description: 'The latest name' }) name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The latest parent; null for a top-level unit' }) parentCode!: string | null;
  @ApiProperty({ enum: ['active', 'dissolved'] }) status!: string;
}

export class UnitSearchView {
  @ApiProperty({ type: [UnitSummaryView] }) units!: UnitSummaryView[];
}

export class PortfolioView {
  @ApiProperty({ type: [String], example: ['JS-JYJ'] }) coveredUnitCodes!: string[];
  @ApiProperty(DAY) from!: string;
  @ApiPropertyOptional({ ...DAY, description: 'Last day; left out while it lasts' }) to?: string;
}

export class AppointmentView {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ example: 'ZZ-0001' }) staffNumber!: string;
  @ApiProperty({ enum: POST_KINDS }) post!: string;
  @ApiProperty({ description: '代理/主持工作' }) acting!: boolean;
  @ApiProperty(DAY) from!: string;
  @ApiPropertyOptional({ ...DAY, description: 'Last day in post; left out while in post' }) to?: string;
  @ApiPropertyOptional({ enum: APPOINTMENT_END_REASONS }) endReason?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ type: [PortfolioView], description: 'Successive portfolios (分管/联系), oldest first' }) portfolios!: PortfolioView[];
}

export class NamedAppointmentView extends AppointmentView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '张伟',
    description: 'The name the person bore on that day; null if unknown to the registry',
  })
  name!: string | null;
}

class NameEntryView {
  @ApiProperty(DAY) from!: string;
  @ApiProperty() name!: string;
}

class ParentEntryView {
  @ApiProperty(DAY) from!: string;
  @ApiProperty({ type: String, nullable: true }) parentCode!: string | null;
}

class PairingView {
  @ApiProperty({ description: 'The supervising commission or inspection group' }) counterpartCode!: string;
  @ApiProperty({ enum: UNIT_KINDS }) counterpartKind!: string;
  @ApiProperty(DAY) from!: string;
  @ApiPropertyOptional(DAY) to?: string;
  @ApiPropertyOptional({ enum: PAIRING_END_REASONS }) endReason?: string;
}

/** The unit's whole effective-dated record. */
export class UnitHistoryView {
  @ApiProperty({ enum: ['active', 'dissolved'] }) status!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: string;
  @ApiProperty({ example: '410105' }) jurisdictionCode!: string;
  @ApiProperty(DAY) registeredFrom!: string;
  @ApiProperty({ type: [NameEntryView], description: 'Oldest first' }) names!: NameEntryView[];
  @ApiProperty({ type: [ParentEntryView], description: 'Oldest first' }) parents!: ParentEntryView[];
  @ApiProperty({ type: [PairingView] }) pairings!: PairingView[];
  @ApiProperty({ type: [AppointmentView] }) appointments!: AppointmentView[];
  @ApiPropertyOptional({ ...DAY, description: 'For a dissolved unit: the first day it no longer existed' }) dissolvedFrom?: string;
  @ApiPropertyOptional() dissolutionReason?: string;
}

export class UnitDetailView extends UnitSummaryView {
  @ApiProperty({ description: 'Stream version, also sent as ETag' }) version!: number;
  @ApiProperty({ type: [NamedAppointmentView], description: 'The team today' }) team!: NamedAppointmentView[];
  @ApiProperty({ type: UnitHistoryView }) history!: UnitHistoryView;
}

export class UnitTeamView {
  @ApiProperty() unitCode!: string;
  @ApiProperty(DAY) day!: string;
  @ApiProperty({ type: [NamedAppointmentView] }) team!: NamedAppointmentView[];
}

export class PostHoldersView {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ enum: POST_KINDS }) post!: string;
  @ApiProperty(DAY) day!: string;
  @ApiProperty({ type: [NamedAppointmentView] }) holders!: NamedAppointmentView[];
}

class HolderView {
  @ApiProperty() staffNumber!: string;
  @ApiProperty({ type: String, nullable: true, example: '张伟', description: 'The name the person bore on that day' }) name!: string | null;
  @ApiProperty({ enum: POST_KINDS }) post!: string;
  @ApiProperty() acting!: boolean;
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty(DAY) from!: string;
  @ApiPropertyOptional(DAY) to?: string;
}

class InChargeView extends HolderView {
  @ApiProperty({ description: 'The unit whose team the holder sits on' }) unitCode!: string;
}

class UnitOnDayView {
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'The name on that day' }) name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: string;
}

class ChainUnitView extends UnitOnDayView {
  @ApiProperty({ type: HolderView, nullable: true, description: 'The head of the unit on that day' }) head!: HolderView | null;
}

class CommitteeView extends UnitOnDayView {
  @ApiProperty({ type: HolderView, nullable: true }) principalLeader!: HolderView | null;
}

class CommissionView extends UnitOnDayView {
  @ApiProperty({ type: HolderView, nullable: true }) secretary!: HolderView | null;
}

class CommitteeLineView {
  @ApiProperty({ type: CommitteeView }) committee!: CommitteeView;
  @ApiProperty({ type: CommissionView, nullable: true, description: 'The paired commission or inspection group' })
  commission!: CommissionView | null;
}

export class ResponsibilityChainView {
  @ApiProperty(DAY) day!: string;
  @ApiProperty({ type: ChainUnitView }) unit!: ChainUnitView;
  @ApiProperty({ type: CommitteeLineView, nullable: true, description: 'The Party committee or group carrying the main responsibility' })
  responsible!: CommitteeLineView | null;
  @ApiProperty({ type: [InChargeView], description: 'Team members whose portfolio covered the unit that day' }) inCharge!: InChargeView[];
  @ApiProperty({ type: CommitteeLineView, nullable: true, description: 'The next Party committee up and its commission' })
  higher!: CommitteeLineView | null;
}
