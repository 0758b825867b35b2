import { expect, test } from 'vitest';
import { PushEventBus } from '../main/push-events';

test('several forwarders each get every event, and each unsubscribes alone', () => {
  const bus = new PushEventBus();
  const a: string[] = [];
  const b: string[] = [];
  const offA = bus.onAny((event, payload) => a.push(`${event}:${JSON.stringify(payload)}`));
  const offB = bus.onAny((event) => b.push(event));
  bus.emit('app:notice', { level: 'info', message: 'one' });
  offA();
  bus.emit('app:notice', { level: 'info', message: 'two' });
  offB();
  bus.emit('app:notice', { level: 'info', message: 'three' });
  expect(a).toEqual(['app:notice:{"level":"info","message":"one"}']);
  expect(b).toEqual(['app:notice', 'app:notice']);
});
