import { describe } from 'vitest';
import { describeCounters } from './contract-counters.js';
import { describeGroupClaims, describeGroupFolding } from './contract-groups.js';
import { type StoreFactory, useContractContext } from './contract-harness.js';
import { describeCompareAndSet, describeSetIfAbsent, describeValues } from './contract-values.js';

export type { StoreFactory } from './contract-harness.js';

/** The one behaviour every StateStore implementation must show, run against each of them. */
export const describeStateStoreContract = (name: string, factory: StoreFactory): void => {
  describe(`StateStore contract: ${name}`, () => {
    const context = useContractContext(factory);
    describeSetIfAbsent(context);
    describeValues(context);
    describeCompareAndSet(context);
    describeCounters(context);
    describeGroupFolding(context);
    describeGroupClaims(context);
  });
};
