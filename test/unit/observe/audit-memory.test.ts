import { createMemoryStateStore } from '../../../lib/state/index.js';
import { describeAuditContract } from './audit-contract.js';

describeAuditContract('memory', async () => createMemoryStateStore());
