import { isKeyValidOn, personOn, type SigningKey } from './person-history';
import { personHistoryOf } from './registry-view.rows';

describe('a person folded from the view rows, read as of a day', () => {
  const person = personHistoryOf({ staffNumber: 'S-1', registeredName: '张伟' }, [
    { staffNumber: 'S-1', effectiveFrom: '2025-03-01', name: '张维' },
    { staffNumber: 'S-1', effectiveFrom: '2024-01-01', name: '张炜' },
  ]);

  it('bears the registered name before the first dated rename, whatever day that is', () => {
    expect(personOn(person, '1990-01-01')).toEqual({ staffNumber: 'S-1', name: '张伟' });
    expect(personOn(person, '2023-12-31').name).toBe('张伟');
  });

  it('bears each rename from its day on', () => {
    expect(personOn(person, '2024-01-01').name).toBe('张炜');
    expect(personOn(person, '2025-02-28').name).toBe('张炜');
    expect(personOn(person, '2025-03-01').name).toBe('张维');
  });
});

describe('a signing key is valid from its first day until the day it is revoked from', () => {
  const key: SigningKey = {
    staffNumber: 'S-1',
    algorithm: 'ed25519',
    publicKey: 'ab',
    fingerprint: 'f1',
    from: '2024-01-01',
    revokedFrom: '2024-07-01',
    revocationReason: 'compromised',
  };

  it('covers the days in between and neither end outside', () => {
    expect(isKeyValidOn(key, '2023-12-31')).toBe(false);
    expect(isKeyValidOn(key, '2024-01-01')).toBe(true);
    expect(isKeyValidOn(key, '2024-06-30')).toBe(true);
    expect(isKeyValidOn(key, '2024-07-01')).toBe(false);
  });

  it('stays valid for good while not revoked', () => {
    const { revokedFrom: _revoked, revocationReason: _reason, ...unrevoked } = key;
    expect(isKeyValidOn(unrevoked, '2099-01-01')).toBe(true);
  });
});
