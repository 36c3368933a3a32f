import { canonicalJson } from '@app/crypto';
import { commandFingerprint } from './command-handler';

class ContactDto {
  phone?: string;
  email?: string;
}

class RegisterPersonDto {
  staffNumber!: string;
  contact?: ContactDto;
  validFrom?: Date;
}

const metadata = { now: new Date('2026-05-01T08:00:00Z'), actor: { personId: 'p-1' } };

describe('command fingerprint', () => {
  it('is plain data for a DTO class instance with another nested in it, equal to the same request sent as plain JSON', () => {
    const dto = Object.assign(new RegisterPersonDto(), {
      staffNumber: 'S-1',
      contact: Object.assign(new ContactDto(), { phone: '0371-12345678', email: undefined }),
      validFrom: new Date('2026-01-01T00:00:00Z'),
    });
    const fromDto = commandFingerprint({ type: 'RegisterPerson', data: { person: dto }, metadata });
    const fromJson = commandFingerprint({
      type: 'RegisterPerson',
      data: { person: { staffNumber: 'S-1', contact: { phone: '0371-12345678' }, validFrom: '2026-01-01T00:00:00.000Z' } },
      metadata: { ...metadata, now: new Date() },
    });
    expect(() => canonicalJson(fromDto)).not.toThrow();
    expect(canonicalJson(fromDto)).toBe(canonicalJson(fromJson));
  });
});
