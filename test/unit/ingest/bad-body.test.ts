import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../../lib/ingest/index.js';
import { base64, eventsOf, fixtureBytes, fixtureText, rejectionOf } from './helpers.js';

describe('parseDelivery', () => {
  it('rejects text that is not JSON as BODY_NOT_JSON', () => {
    // Arrange
    const raw = fixtureBytes('bad/not-json.txt');
    // Act
    const rejection = rejectionOf(raw);
    // Assert
    expect(rejection).toMatchObject({ code: 'BODY_NOT_JSON', where: 'body' });
    expect(rejection.message).toMatch(/^body: not valid JSON/);
  });

  it('rejects truncated JSON and says where it stopped', () => {
    // Arrange
    const raw = fixtureText('bad/truncated.json');
    // Act
    const rejection = rejectionOf(raw);
    // Assert
    expect(rejection.code).toBe('BODY_NOT_JSON');
    expect(rejection.message).toMatch(/position 120/);
  });

  it('never echoes more than a short piece of a long bad body', () => {
    // Arrange
    const secret = 'S'.repeat(5000);
    // Act
    const rejection = rejectionOf(`{"Events": [${secret}]}`);
    // Assert
    expect(rejection.code).toBe('BODY_NOT_JSON');
    expect(rejection.message.length).toBeLessThan(160);
  });

  it('rejects a Base64 body of garbage as BODY_UNDECODABLE', () => {
    // Arrange
    const raw = fixtureText('bad/base64-garbage.txt');
    // Act
    const rejection = rejectionOf(raw);
    // Assert
    expect(rejection).toEqual({
      code: 'BODY_UNDECODABLE',
      where: 'body',
      message: 'body: Base64 that does not decode to JSON',
    });
  });

  it('rejects a 3 MB body as BODY_TOO_LARGE before parsing it', () => {
    // Arrange: not even JSON, so only the size check can name it
    const raw = `{${'x'.repeat(3 * 1024 * 1024)}`;
    // Act
    const rejection = rejectionOf(raw);
    // Assert
    expect(rejection).toMatchObject({ code: 'BODY_TOO_LARGE', where: 'body' });
  });

  it('counts bytes, not characters, against maxBytes', () => {
    // Arrange: 40 three-byte characters are 120 bytes
    const raw = JSON.stringify({
      Events: [{ EventName: 'JOB_FAILED', EventVars: { n: '界'.repeat(40) } }],
    });
    // Act
    const small = rejectionOf(raw, { maxBytes: 100 });
    const buffer = rejectionOf(Buffer.from(raw), { maxBytes: 100 });
    // Assert
    expect([small.code, buffer.code]).toEqual(['BODY_TOO_LARGE', 'BODY_TOO_LARGE']);
    expect(eventsOf(parseDelivery(raw, { maxBytes: 200 }).items)).toHaveLength(1);
  });

  it('caps a msgBody inside a parsed SCF event too', () => {
    // Arrange
    const raw = { Records: [{ CMQ: { msgBody: fixtureText('job-succeed.json') } }] };
    // Act
    const rejection = rejectionOf(raw, { maxBytes: 64 });
    // Assert
    expect(rejection).toMatchObject({ code: 'BODY_TOO_LARGE', where: 'Records[0].CMQ.msgBody' });
  });

  it.each([
    ['', 'BODY_EMPTY'],
    [' \r\n\t ', 'BODY_EMPTY'],
    [undefined, 'BODY_EMPTY'],
    [new Uint8Array(0), 'BODY_EMPTY'],
  ])('rejects the empty body %j as %s', (raw, code) => {
    // Arrange
    const input: unknown = raw;
    // Act
    const rejection = rejectionOf(input);
    // Assert
    expect(rejection.code).toBe(code);
  });

  it('survives deeply nested junk', () => {
    // Arrange
    const depth = 50_000;
    const junk = `{"Events":[${'['.repeat(depth)}${']'.repeat(depth)}]}`;
    // Act
    const rejection = rejectionOf(junk);
    // Assert
    expect(rejection).toMatchObject({ code: 'EVENT_INVALID', where: 'Events[0]' });
  });

  it.each([
    [
      'not Base64',
      { isBase64Encoded: true, body: '{"Events":[]}', headers: {} },
      'BODY_UNDECODABLE',
    ],
    ['no body', { httpMethod: 'POST', headers: {}, body: null }, 'BODY_EMPTY'],
    [
      'a body that is not JSON',
      { httpMethod: 'POST', headers: {}, body: 'hello' },
      'BODY_NOT_JSON',
    ],
    [
      'Base64 of not JSON',
      { isBase64Encoded: true, headers: {}, body: base64('hi there') },
      'BODY_NOT_JSON',
    ],
    [
      'a wrapper in a wrapper',
      { httpMethod: 'POST', body: JSON.stringify({ httpMethod: 'GET', body: '{}' }) },
      'ENVELOPE_UNKNOWN',
    ],
  ])('rejects an HTTP event with %s', (_label, raw, code) => {
    // Arrange
    const input: unknown = raw;
    // Act
    const rejection = rejectionOf(input);
    // Assert
    expect(rejection.code).toBe(code);
  });
});
