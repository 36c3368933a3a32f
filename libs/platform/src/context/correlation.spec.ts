import { acceptCorrelationId, currentCorrelationId, withCorrelationId } from './correlation';

describe('correlation id', () => {
  it('keeps a well-formed caller id', () => {
    expect(acceptCorrelationId('req-2024.01:abc_9')).toBe('req-2024.01:abc_9');
  });

  it.each([undefined, '', 'has space', 'line\nbreak', 'x'.repeat(129), ['a', 'b'], '中文'])('replaces %p with a new uuid', (candidate) => {
    expect(acceptCorrelationId(candidate)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is current inside withCorrelationId, across awaits, and gone outside', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    await withCorrelationId('msg-1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentCorrelationId()).toBe('msg-1');
    });
    expect(currentCorrelationId()).toBeUndefined();
  });
});
