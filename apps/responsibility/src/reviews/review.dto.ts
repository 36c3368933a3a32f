import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REVIEWED_RESPONSIBILITIES, REVIEWED_SUBJECTS } from '@app/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class ReviewParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export const REVIEW_STATUSES = ['open', 'concluded'] as const;

export class ReviewListQuery {
  @ApiProperty({ example: 'JS-QW', description: 'The reviewed unit' })
  @IsString()
  @Length(1, 64)
  unit!: string;

  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: string;
}

export class ReviewFindingDto {
  @ApiProperty({ enum: REVIEWED_RESPONSIBILITIES })
  @IsIn(REVIEWED_RESPONSIBILITIES)
  responsibility!: string;

  @ApiProperty({ enum: REVIEWED_SUBJECTS, description: 'committee or principal_leader (main); commission or secretary (supervisory)' })
  @IsIn(REVIEWED_SUBJECTS)
  subject!: string;

  @ApiProperty({ example: 'JS-QW', description: 'The committee or commission (of the leader or secretary) as the review lists it' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @ApiPropertyOptional({
    type: String,
    example: 'S-0001',
    description: 'The person, for principal_leader and secretary: a holder during the period',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  staffNumber?: string;

  @ApiProperty({ description: 'Whether the responsibility was carried out (落实到位)' })
  @IsBoolean()
  carriedOut!: boolean;

  @ApiProperty({ example: '2021年未按要求开展廉政谈话，台账记录缺失' })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['ten-things-JS-QW-2021-3'],
    description: 'Streams of this service’s records of the reviewed units for the period’s years (GET /reviews/{id}/evidence)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  evidence?: string[];
}

export class ReviewEscalationDto {
  @ApiProperty({ example: '区委长期不抓不管，导致问题滋生蔓延' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class ReviewConclusionDto {
  @ApiProperty({ example: '主体责任落实不到位，监督责任基本落实' })
  @IsString()
  @Length(1, 2000)
  summary!: string;
}
