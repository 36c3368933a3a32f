import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponseDto } from '@app/kit';
import { EvidenceAttachmentDto } from './task.dto';

export class TaskAssignedResponse extends CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
}

export class TaskEntryResponse extends CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
}

export class TaskEntryView {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ example: '2025-03-12' }) day!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [EvidenceAttachmentDto] }) attachments!: EvidenceAttachmentDto[];
  @ApiProperty({ example: '2025-03-12' }) enteredOn!: string;
  @ApiProperty({ description: 'Entered after the due day and accepted, flagged' }) late!: boolean;
}

export class TaskView {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty() itemKey!: string;
  @ApiProperty() areaCode!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty() assignee!: string;
  @ApiProperty({ example: '2025-03-31' }) due!: string;
  @ApiProperty({ example: '2025-03-01' }) assignedOn!: string;
  @ApiProperty({ enum: ['assigned', 'claimed', 'completed'] }) status!: string;
  @ApiProperty({ type: [TaskEntryView], description: '履责: what was done' }) performed!: TaskEntryView[];
  @ApiProperty({ type: [TaskEntryView], description: '记实: the written accounts' }) recorded!: TaskEntryView[];
  @ApiPropertyOptional() completedOn?: string;
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class UnitTasksView {
  @ApiProperty() unitCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: [TaskView] }) tasks!: TaskView[];
}
