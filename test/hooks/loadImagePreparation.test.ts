import { describe, expect, it } from 'vitest';
import { loadImageUrl, preflightImage } from '../../src/core/preflight';
import { loadImagePreparation } from '../../src/hooks/loadImagePreparation';

describe('loadImagePreparation', () => {
  it('imports the preparation steps once, however many times it is asked', async () => {
    const first = loadImagePreparation();
    expect(loadImagePreparation()).toBe(first);
    const steps = await first;
    expect(steps.preflightImage).toBe(preflightImage);
    expect(steps.loadImageUrl).toBe(loadImageUrl);
  });
});
