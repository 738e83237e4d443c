import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest test files (the hostile suite alone is a third of the run), started before the
 * others so that none of them starts last: on a clean clone vitest has no timings to order by
 * and takes the files in the order it found them.
 */
const LONGEST = ['test/hostile/hostile.test.ts', 'test/plan/split.test.ts', 'test/visits/kernel.test.ts', 'test/visits/worktable.test.ts'];

/** Vitest's order, with the {@link LONGEST} files first. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const i = LONGEST.findIndex((path) => file.moduleId.endsWith(path));
      return i < 0 ? LONGEST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // two files at once, where vitest's default is one on two cores (cores − 1): most files wait
    // on child processes or worker threads much of the time, and the hostile suite on its children;
    // a test beside another file takes up to ~3× its time alone (worktable's property: 20 → 60 s)
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    sequence: { sequencer: LongestFirst },
  },
});
