import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponseDto } from '@app/kit';
import { POST_KINDS } from '../units/posts';
import { APPOINTMENT_END_REASONS } from '../units/unit.events';
import { GENDERS, KEY_REVOCATION_REASONS, KINSHIP_DEGREES, RELATION_KINDS, SIGNING_ALGORITHMS } from './person.events';

/** The schemas of the Person routes' answers, as the query handlers and the command path give them. */

const DAY = { example: '2025-01-01', format: 'date' } as const;

export class SigningKeyCreatedView extends CommandResponseDto {
  @ApiProperty({ description: 'Fingerprint of the key (hex), used to revoke it and to name it on sign-offs' }) fingerprint!: string;
}

export class RelationCreatedView extends CommandResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Derived from the Idempotency-Key when one is sent' }) relationId!: string;
}

class PersonSummaryView {
  @ApiProperty({ example: 'ZZ-0001' }) staffNumber!: string;
  @ApiProperty({ example: '张伟' }) name!: string;
}

export class PersonSearchView {
  @ApiProperty({ type: [PersonSummaryView] }) people!: PersonSummaryView[];
}

class SigningKeyView {
  @ApiProperty({ enum: SIGNING_ALGORITHMS }) algorithm!: string;
  @ApiProperty({ description: 'Normalised public key (hex)' }) publicKey!: string;
  @ApiProperty() fingerprint!: string;
  @ApiProperty(DAY) from!: string;
  @ApiPropertyOptional({ ...DAY, description: 'First day the key is no longer valid' }) revokedFrom?: string;
  @ApiPropertyOptional({ enum: KEY_REVOCATION_REASONS }) revocationReason?: string;
}

class RelationView {
  @ApiProperty({ format: 'uuid' }) relationId!: string;
  @ApiProperty({ enum: RELATION_KINDS }) kind!: string;
  @ApiProperty() unitCode!: string;
  @ApiPropertyOptional({ enum: KINSHIP_DEGREES }) kinship?: string;
  @ApiProperty(DAY) from!: string;
  @ApiPropertyOptional(DAY) to?: string;
  @ApiPropertyOptional() note?: string;
}

class ContactView {
  @ApiPropertyOptional({ example: '0371-12345678' }) phone?: string;
  @ApiPropertyOptional({ example: 'zhang.wei@example.gov.cn' }) email?: string;
}

export class PersonView extends PersonSummaryView {
  @ApiProperty({ description: 'Stream version, also sent as ETag' }) version!: number;
  @ApiPropertyOptional({ enum: GENDERS, description: 'Registry administrators, and the person themself, only' }) gender?: string;
  @ApiPropertyOptional({ description: 'Registry administrators, and the person themself, only' }) birthYear?: number;
  @ApiPropertyOptional({ type: ContactView, description: 'Registry administrators, and the person themself, only' }) contact?: ContactView;
  @ApiProperty({ type: [SigningKeyView], description: 'Every key, revoked ones too' }) signingKeys!: SigningKeyView[];
  @ApiPropertyOptional({
    type: [RelationView],
    description: 'Left out for callers who see no relations; commission officers see those with a unit within their reach',
  })
  relations?: RelationView[];
}

class PersonAppointmentView {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() staffNumber!: string;
  @ApiProperty({ example: '张伟', description: 'The name the person bore on the first day of the appointment' }) name!: string;
  @ApiProperty({ enum: POST_KINDS }) post!: string;
  @ApiProperty() acting!: boolean;
  @ApiProperty(DAY) effectiveFrom!: string;
  @ApiProperty({ ...DAY, type: String, nullable: true, description: 'Last day in post; null while in post' }) effectiveTo!: string | null;
  @ApiProperty({ enum: APPOINTMENT_END_REASONS, type: String, nullable: true }) endReason!: string | null;
}

class PersonNameView {
  @ApiProperty({ example: '张伟' }) name!: string;
  @ApiProperty({
    ...DAY,
    type: String,
    nullable: true,
    description: 'First day the name was borne; null for the name registered with the person',
  })
  from!: string | null;
}

export class PersonAppointmentsView {
  @ApiProperty() staffNumber!: string;
  @ApiProperty({ type: [PersonNameView], description: "The person's names, oldest first, each borne from its day until the next" })
  names!: PersonNameView[];
  @ApiProperty({ type: [PersonAppointmentView], description: 'Oldest first' }) appointments!: PersonAppointmentView[];
}

export class SigningKeysOnView {
  @ApiProperty() staffNumber!: string;
  @ApiProperty(DAY) day!: string;
  @ApiProperty({ type: [SigningKeyView], description: 'Keys valid on the day' }) signingKeys!: SigningKeyView[];
}
