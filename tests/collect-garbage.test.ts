import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { fullCollector } from '../src/cli/collect-garbage.js';

describe('the collector the scan runs between programs', () => {
  it('releases what is no longer reachable', async () => {
    const collect = fullCollector();
    // Only the WeakRef holds the stand-in for a linted program.
    const released = new WeakRef(Array.from({ length: 1000 }, (_, index) => ({ index })));
    // A WeakRef keeps its target until the current job ends.
    await setImmediate();
    collect();
    expect(released.deref()).toBeUndefined();
  });
});
