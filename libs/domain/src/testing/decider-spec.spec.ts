import { DomainError, type Command, type Decider, type DomainEvent } from '@app/domain';
import { deciderSpec, testMetadata } from './index';

type Added = DomainEvent<'Added', { amount: number }>;
type Add = Command<'Add', { amount: number }>;

const counter: Decider<number, Add, Added> = {
  initialState: () => 0,
  decide: (command, total) => {
    if (command.data.amount <= 0) throw new DomainError('COUNTER.NOT_POSITIVE', 'amount must be positive');
    if (total + command.data.amount > 10) throw new DomainError('COUNTER.FULL', 'counter is full', 'conflict');
    return [{ type: 'Added', data: { amount: command.data.amount } }];
  },
  evolve: (total, event) => total + event.data.amount,
};

const add = (amount: number): Add => ({ type: 'Add', data: { amount }, metadata: testMetadata() });
const added = (amount: number): Added => ({ type: 'Added', data: { amount } });

describe('deciderSpec', () => {
  it('folds the given events into the state', () => {
    expect(deciderSpec(counter).given([added(2), added(3)]).state).toBe(5);
  });

  it('then compares the decided events and returns the evolved state', () => {
    expect(
      deciderSpec(counter)
        .given([added(2)])
        .when(add(3))
        .then([added(3)]),
    ).toBe(5);
  });

  it('then fails when the decided events differ', () => {
    expect(() =>
      deciderSpec(counter)
        .given([])
        .when(add(3))
        .then([added(4)]),
    ).toThrow();
  });

  it('thenThrows checks the code and optionally the kind', () => {
    deciderSpec(counter).given([]).when(add(-1)).thenThrows('COUNTER.NOT_POSITIVE');
    deciderSpec(counter)
      .given([added(9)])
      .when(add(2))
      .thenThrows('COUNTER.FULL', 'conflict');
    expect(() =>
      deciderSpec(counter)
        .given([added(9)])
        .when(add(2))
        .thenThrows('COUNTER.FULL', 'invalid'),
    ).toThrow();
    expect(() => deciderSpec(counter).given([]).when(add(1)).thenThrows('COUNTER.FULL')).toThrow();
  });
});
