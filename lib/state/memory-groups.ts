import type { ClosedGroup, GroupAddResult, ResolvedOptions } from './state-store.js';

/** Alert groups of the memory store; every method runs to completion, so each is atomic. */
export interface MemoryGroups {
  add(groupKey: string, member: string, windowMs: number): GroupAddResult;
  claimDue(limit: number): ClosedGroup[];
}

interface GroupRecord {
  readonly key: string;
  count: number;
  readonly sample: string[];
  readonly openedAt: number;
  readonly closesAt: number;
}

/**
 * A group key maps to its open group in `open`; a closed group stays in `records` until it is
 * claimed, while a new group of the same key may already be open under another id.
 */
interface GroupTables {
  readonly open: Map<string, number>;
  readonly records: Map<number, GroupRecord>;
}

const remove = ({ open, records }: GroupTables, id: number, record: GroupRecord): void => {
  records.delete(id);
  if (open.get(record.key) === id) open.delete(record.key);
};

export const createMemoryGroups = (options: ResolvedOptions, maxGroups: number): MemoryGroups => {
  const { now, sampleSize, groupRetentionMs } = options;
  const tables: GroupTables = { open: new Map(), records: new Map() };
  const { open, records } = tables;
  let nextId = 0;

  const isStale = (record: GroupRecord, at: number) => record.closesAt + groupRetentionMs <= at;

  const makeRoom = (at: number): void => {
    for (const [id, record] of records) if (isStale(record, at)) remove(tables, id, record);
    // Map order is insertion order: the group opened longest ago goes first.
    for (const [id, record] of records) {
      if (records.size < maxGroups) return;
      remove(tables, id, record);
    }
  };

  const openGroup = (key: string, member: string, windowMs: number, at: number) => {
    if (records.size >= maxGroups) makeRoom(at);
    const id = nextId++;
    records.set(id, { key, count: 1, sample: [member], openedAt: at, closesAt: at + windowMs });
    open.set(key, id);
    return { first: true, count: 1 };
  };

  const add = (groupKey: string, member: string, windowMs: number): GroupAddResult => {
    const at = now();
    const id = open.get(groupKey);
    const record = id === undefined ? undefined : records.get(id);
    if (record === undefined || record.closesAt <= at) {
      return openGroup(groupKey, member, windowMs, at);
    }
    record.count += 1;
    if (record.sample.length < sampleSize) record.sample.push(member);
    return { first: false, count: record.count };
  };

  const claimDue = (limit: number): ClosedGroup[] => {
    const at = now();
    const due: [number, GroupRecord][] = [];
    for (const [id, record] of records) {
      if (isStale(record, at)) remove(tables, id, record);
      else if (record.closesAt <= at) due.push([id, record]);
    }
    due.sort((a, b) => a[1].closesAt - b[1].closesAt);
    return due.slice(0, limit).map(([id, record]) => {
      remove(tables, id, record);
      return { ...record, sample: [...record.sample] };
    });
  };

  return { add, claimDue };
};
