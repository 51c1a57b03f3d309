import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { toResponse } from '../../../lib/http/read-response.js';

/** What toResponse reads of a node:http response: its status line and raw headers. */
const incoming = (statusCode: number, rawHeaders: string[] = []): IncomingMessage =>
  ({ statusCode, statusMessage: 'Status', rawHeaders }) as unknown as IncomingMessage;

describe('toResponse', () => {
  it('reads the body as often as asked, through clones too, as Response.text() decodes it', async () => {
    // Arrange
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('wörld '),
      Buffer.from([0xff]),
    ]);

    // Act
    const response = toResponse(incoming(200), body, 'GET');

    // Assert
    expect(await response.text()).toBe('wörld \ufffd');
    expect(await response.clone().text()).toBe('wörld \ufffd');
    expect(await response.text()).toBe(await new Response(body).text());
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(body));
  });

  it('finds headers by any case and joins repeated ones as fetch does', () => {
    // Arrange
    const raw = ['Set-Cookie', 'a=1', 'X-TC-RequestId', 'r-1', 'set-cookie', 'b=2'];

    // Act
    const { headers } = toResponse(incoming(200, raw), Buffer.alloc(0), 'GET');

    // Assert
    expect(headers.get('x-tc-requestid')).toBe('r-1');
    expect(headers.get('SET-COOKIE')).toBe('a=1, b=2');
    expect(headers.get('retry-after')).toBeNull();
  });

  it('drops the body of a HEAD or a 204 and says ok for 2xx only', async () => {
    // Arrange
    const body = Buffer.from('ignored');

    // Act
    const head = toResponse(incoming(200), body, 'HEAD');
    const none = toResponse(incoming(204), body, 'DELETE');
    const failed = toResponse(incoming(503), body, 'GET');

    // Assert
    expect(await head.text()).toBe('');
    expect(await none.text()).toBe('');
    expect([head.ok, none.ok, failed.ok]).toEqual([true, true, false]);
    expect(await failed.json().catch((e: unknown) => (e as Error).name)).toBe('SyntaxError');
  });
});
