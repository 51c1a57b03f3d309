import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../../lib/ingest/index.js';
import {
  base64,
  eventsOf,
  fixtureBytes,
  fixtureJson,
  fixtureText,
  onlyEvent,
  rejectionsOf,
} from './helpers.js';

const SIMPLIFIED_HEADERS = fixtureJson('http-simplified-headers.json') as Record<string, string>;

describe('parseDelivery', () => {
  it('reads the documented COMPUTE_NODE_CREATED message as a raw delivery', () => {
    // Arrange
    const raw = fixtureBytes('compute-node-created.json');
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(delivery.kind).toBe('raw');
    const event = onlyEvent(delivery);
    expect(event).toMatchObject({
      name: 'COMPUTE_NODE_CREATED',
      family: 'node',
      time: '2018-06-15T14:43:17Z',
      region: 'ap-guangzhou',
      envId: 'env-ptoxdb1t',
      envName: 'batch-env',
      computeNodeId: 'node-0iy7wxyo',
      computeNodeState: 'CREATED',
      computeNodeInstanceId: 'ins-9rikj9kw',
      vars: {},
      source: { kind: 'raw' },
    });
    expect(event.batch).toMatchObject({
      Mem: 8,
      Cpu: 4,
      ResourceCreatedTime: '2018-06-15T14:43:18Z',
    });
    expect(event.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('accepts the same delivery as a string, a Buffer, a Uint8Array or a parsed object', () => {
    // Arrange
    const bytes = fixtureBytes('task-instance-failed.json');
    const inputs = [
      bytes.toString('utf8'),
      bytes,
      new Uint8Array(bytes),
      JSON.parse(bytes.toString()),
    ];
    // Act
    const ids = inputs.map((raw) => onlyEvent(parseDelivery(raw)).id);
    // Assert
    expect(new Set(ids).size).toBe(1);
  });

  it('reads an SCF topic trigger with a JSON and a Base64 msgBody, one event per record', () => {
    // Arrange
    const raw = fixtureJson('scf-topic-trigger.json');
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(delivery.kind).toBe('topic-trigger');
    expect(rejectionsOf(delivery.items)).toEqual([]);
    const [succeeded, failed] = eventsOf(delivery.items);
    expect(succeeded).toMatchObject({ name: 'JOB_SUCCEED', jobId: 'job-4yn0we13' });
    expect(failed).toMatchObject({
      name: 'TASK_INSTANCE_FAILED',
      taskInstanceIndex: 3,
      exitCode: 137,
    });
    expect(succeeded?.source).toEqual({
      kind: 'topic-trigger',
      topic: 'batch-events',
      subscription: 'bridge-trigger',
      messageId: '14073749424',
      publishTime: '2024-03-02T08:15:43.120Z',
      tags: ['batch', 'films'],
    });
    expect(failed?.source.tags).toEqual(['batch', 'films']);
  });

  it('gives a topic-trigger event the id of the same event arriving bare', () => {
    // Arrange
    const viaTrigger = parseDelivery(fixtureText('scf-topic-trigger.json'));
    // Act
    const bare = onlyEvent(parseDelivery(fixtureText('task-instance-failed.json')));
    // Assert
    expect(eventsOf(viaTrigger.items)[1]?.id).toBe(bare.id);
  });

  it('reads a topic HTTP push in JSON format, publish time in epoch milliseconds', () => {
    // Arrange
    const raw = fixtureText('http-push-json.json');
    // Act
    const delivery = parseDelivery(raw, { headers: { 'X-CMQ-Message-Tag': 'batch, films' } });
    // Assert
    expect(delivery.kind).toBe('http-json');
    expect(onlyEvent(delivery)).toMatchObject({
      name: 'JOB_SUCCEED',
      vars: { pipeline: 'films', shot: 'sq010' },
      source: {
        kind: 'http-json',
        topic: 'batch-events',
        subscription: 'bridge-http',
        messageId: '14073749424',
        publishTime: '2024-03-02T08:15:43.120Z',
        tags: ['batch', 'films'],
      },
    });
  });

  it('reads epoch seconds in a JSON push as a time too', () => {
    // Arrange
    const push = { ...fixtureJson('http-push-json.json'), publishTime: 1709367343 };
    // Act
    const event = onlyEvent(parseDelivery(push));
    // Assert
    expect(event.source.publishTime).toBe('2024-03-02T08:15:43.000Z');
  });

  it('reads a SIMPLIFIED push body with the headers the topic sent along', () => {
    // Arrange
    const body = fixtureBytes('http-simplified-body.json');
    // Act
    const delivery = parseDelivery(body, { headers: SIMPLIFIED_HEADERS });
    // Assert
    expect(delivery.kind).toBe('http-simplified');
    expect(onlyEvent(delivery)).toMatchObject({
      name: 'TASK_INSTANCE_FAILED',
      taskInstanceIndex: 3,
      source: { kind: 'http-simplified', messageId: '14073749311', tags: ['batch', 'films'] },
    });
  });

  it('reads a SIMPLIFIED push with its ids from x-cmq headers in any case', () => {
    // Arrange
    const body = fixtureBytes('http-simplified-body.json');
    const headers = { 'X-Cmq-Message-Id': '14073749311', 'x-cmq-message-tag': 'batch, films' };
    // Act
    const delivery = parseDelivery(body, { headers });
    // Assert
    expect(delivery.kind).toBe('http-simplified');
    expect(onlyEvent(delivery).source).toEqual({
      kind: 'http-simplified',
      messageId: '14073749311',
      tags: ['batch', 'films'],
    });
  });

  it('treats a bare message with headers but no x-cmq ones as raw', () => {
    // Arrange
    const body = fixtureText('http-simplified-body.json');
    // Act
    const delivery = parseDelivery(body, { headers: { 'content-type': 'text/plain' } });
    // Assert
    expect(delivery.kind).toBe('raw');
    expect(onlyEvent(delivery).source).toEqual({ kind: 'raw' });
  });

  it('unwraps a function-URL event and takes the x-cmq headers from it', () => {
    // Arrange
    const raw = fixtureJson('function-url-event.json');
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(delivery.kind).toBe('http-simplified');
    expect(onlyEvent(delivery)).toMatchObject({
      name: 'TASK_INSTANCE_FAILED',
      source: { kind: 'http-simplified', messageId: '14073749311', tags: ['batch', 'films'] },
    });
  });

  it('calls a function-URL body without x-cmq headers http-simplified all the same', () => {
    // Arrange
    const raw = {
      httpMethod: 'POST',
      path: '/',
      headers: {},
      body: fixtureText('job-succeed.json'),
    };
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(delivery.kind).toBe('http-simplified');
    expect(onlyEvent(delivery).source).toEqual({ kind: 'http-simplified' });
  });

  it('unwraps an API-gateway event whose body isBase64Encoded, here a JSON push', () => {
    // Arrange
    const raw = fixtureJson('api-gateway-event.json');
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(delivery.kind).toBe('http-json');
    expect(onlyEvent(delivery)).toMatchObject({
      name: 'JOB_SUCCEED',
      source: { kind: 'http-json', topic: 'batch-events', tags: ['batch'] },
    });
  });

  it('accepts a wrapper body that a gateway already parsed into an object', () => {
    // Arrange
    const raw = { httpMethod: 'POST', headers: {}, body: fixtureJson('job-succeed.json') };
    // Act
    const event = onlyEvent(parseDelivery(raw));
    // Assert
    expect(event.name).toBe('JOB_SUCCEED');
  });

  it('accepts a whole delivery sent as Base64 of JSON', () => {
    // Arrange
    const raw = base64(fixtureJson('compute-node-created.json'));
    // Act
    const event = onlyEvent(parseDelivery(raw));
    // Assert
    expect(event.computeNodeId).toBe('node-0iy7wxyo');
  });

  it('accepts Base64 spread over lines and JSON after a byte-order mark', () => {
    // Arrange
    const wrapped = base64(fixtureJson('job-succeed.json')).replace(/(.{76})/g, '$1\r\n');
    const withBom = `\uFEFF${fixtureText('job-succeed.json')}`;
    // Act
    const names = [wrapped, withBom].map((raw) => onlyEvent(parseDelivery(raw)).name);
    // Assert
    expect(names).toEqual(['JOB_SUCCEED', 'JOB_SUCCEED']);
  });

  it('reads topicOwner and msgId as numbers and msgTag as an array', () => {
    // Arrange
    const body = fixtureText('job-succeed.json');
    const cmq = { topicOwner: 1250000000, msgId: 42, msgTag: ['a', ' b '], msgBody: body };
    // Act
    const event = onlyEvent(parseDelivery({ Records: [{ CMQ: cmq }] }));
    // Assert
    expect(event.source).toEqual({ kind: 'topic-trigger', messageId: '42', tags: ['a', 'b'] });
  });

  it('returns every event of a message that carries several', () => {
    // Arrange
    const raw = fixtureText('env-and-node-events.json');
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(eventsOf(delivery.items).map((e) => [e.name, e.family])).toEqual([
      ['COMPUTE_ENV_CREATED', 'env'],
      ['COMPUTE_NODE_ABNORMAL', 'node'],
    ]);
  });
});
