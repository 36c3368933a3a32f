import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { containsNationalId, DomainError } from '@app/domain';
import { HttpProblem, type Principal } from '@app/platform';

/** Largest evidence file accepted, as the ledgers' rule says (20 MiB per attachment). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** What an office keeps as evidence: documents, scans and photos, spreadsheets, OFD (the national format). */
export const EVIDENCE_MEDIA_TYPES = [
  'application/pdf',
  'application/ofd',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'application/vnd.ms-excel',
  'text/plain',
] as const;

export interface UploadedEvidenceFile {
  readonly originalname: string;
  readonly mimetype: string;
  readonly buffer: Buffer;
  readonly size: number;
}

/** An attachment as events record it: the bytes stay here, the log keeps the hash. */
export interface EvidenceRef {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

export interface StoredEvidence extends EvidenceRef {
  readonly unitCode: string;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

/**
 * Content-addressed evidence files. An upload answers the reference a ledger entry or task record
 * then names; the same bytes uploaded twice are stored once. A read recomputes the hash, so bytes
 * changed behind the service's back are refused rather than served as the recorded evidence.
 */
@Injectable()
export class EvidenceStore {
  constructor(private readonly dataSource: DataSource) {}

  async put(file: UploadedEvidenceFile | undefined, unitCode: string, principal: Principal, now: Date): Promise<StoredEvidence> {
    if (!file)
      throw new HttpProblem({ status: 400, code: 'EVIDENCE.FILE_REQUIRED', detail: 'Send the file as the multipart field `file`.' });
    if (file.size === 0) throw new HttpProblem({ status: 400, code: 'EVIDENCE.EMPTY_FILE', detail: 'The file is empty.' });
    const mediaType = file.mimetype.split(';')[0].trim().toLowerCase();
    if (!(EVIDENCE_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
      throw new HttpProblem({
        status: 415,
        code: 'EVIDENCE.UNSUPPORTED_TYPE',
        detail: `Evidence of type ${mediaType || '(none)'} is not kept; send one of ${EVIDENCE_MEDIA_TYPES.join(', ')}.`,
      });
    }
    const name = file.originalname.normalize('NFC');
    if (name.length === 0 || name.length > 200 || hasControlOrPath(name)) {
      throw badInput('EVIDENCE.BAD_FILE_NAME', 'A file name has 1 to 200 characters, no path and no control characters.', 'file');
    }
    if (containsNationalId(name)) {
      throw badInput('TEXT.NATIONAL_ID', 'A file name must not carry a national ID number.', 'file');
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    await this.dataSource.query(
      `INSERT INTO resp_evidence_files (sha256, media_type, size, file_name, unit_code, bytes, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sha256) DO NOTHING`,
      [sha256, mediaType, file.size, name, unitCode, file.buffer, principal.personId, now],
    );
    const stored = await this.describe(sha256);
    return { ...stored!, name };
  }

  /** The stored file's description, or undefined if no such file was uploaded. */
  async describe(sha256: string): Promise<StoredEvidence | undefined> {
    const [row] = await this.dataSource.query<EvidenceRow[]>(
      'SELECT sha256, media_type, size, file_name, unit_code, uploaded_by, uploaded_at FROM resp_evidence_files WHERE sha256 = $1',
      [sha256],
    );
    return row && describe(row);
  }

  /** The bytes of a stored file, checked against its address. */
  async read(sha256: string): Promise<{ readonly evidence: StoredEvidence; readonly bytes: Buffer }> {
    const [row] = await this.dataSource.query<(EvidenceRow & { bytes: Buffer })[]>('SELECT * FROM resp_evidence_files WHERE sha256 = $1', [
      sha256,
    ]);
    if (!row) throw new DomainError('EVIDENCE.NOT_FOUND', `No evidence file ${sha256}.`, 'not_found');
    if (createHash('sha256').update(row.bytes).digest('hex') !== sha256) {
      throw new DomainError('EVIDENCE.ALTERED', `The stored bytes of ${sha256} no longer match their hash.`, 'conflict');
    }
    return { evidence: describe(row), bytes: row.bytes };
  }

  /**
   * The references a command names, each checked against what was uploaded: the file exists and
   * its size and type are as named. Refused with 400 naming the attachment otherwise.
   */
  async requireAll(refs: readonly EvidenceRef[], field = 'attachments'): Promise<void> {
    if (refs.length === 0) return;
    const rows = await this.dataSource.query<EvidenceRow[]>(
      'SELECT sha256, media_type, size, file_name, unit_code, uploaded_by, uploaded_at FROM resp_evidence_files WHERE sha256 = ANY($1)',
      [refs.map((ref) => ref.sha256)],
    );
    const known = new Map(rows.map((row) => [row.sha256, row]));
    refs.forEach((ref, index) => {
      const row = known.get(ref.sha256);
      if (!row) {
        throw badInput('EVIDENCE.NOT_UPLOADED', `Upload ${ref.name} (POST /evidence) before naming it.`, `${field}[${index}].sha256`);
      }
      if (row.size !== ref.size || row.media_type !== ref.mediaType) {
        throw badInput(
          'EVIDENCE.MISMATCH',
          `${ref.name}: the uploaded file has size ${row.size} and type ${row.media_type}.`,
          `${field}[${index}]`,
        );
      }
    });
  }
}

/** A control character, or a path separator: a file name is a name, not a path. */
function hasControlOrPath(name: string): boolean {
  return [...name].some((char) => char.charCodeAt(0) < 0x20 || char === '/' || char === '\\');
}

function badInput(code: string, detail: string, field: string): HttpProblem {
  return new HttpProblem({ status: 400, code, detail, errors: [{ field, message: detail }] });
}

interface EvidenceRow {
  readonly sha256: string;
  readonly media_type: string;
  readonly size: number;
  readonly file_name: string;
  readonly unit_code: string;
  readonly uploaded_by: string;
  readonly uploaded_at: Date;
}

function describe(row: EvidenceRow): StoredEvidence {
  return {
    sha256: row.sha256,
    mediaType: row.media_type,
    size: row.size,
    name: row.file_name,
    unitCode: row.unit_code,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}
