import { describe, expect, it } from 'vitest';
import { verifyTc3 } from '../../../sandbox/batch-emulator/index.js';

describe('verifyTc3', () => {
  it('accepts the official CVM DescribeInstances test vector', () => {
    // Arrange: batch-api.md 1.6.4, byte for byte
    const body =
      '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    const request = {
      method: 'POST',
      rawUrl: '/',
      body: Buffer.from(body),
      headers: {
        authorization:
          'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
        'content-type': 'application/json; charset=utf-8',
        host: 'cvm.tencentcloudapi.com',
        'x-tc-timestamp': '1551113065',
      },
    };
    const lookup = (id: string) =>
      id === 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE'
        ? 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE'
        : undefined;

    // Act
    const secretId = verifyTc3(request, lookup, 1551113065_000);

    // Assert
    expect(secretId).toBe('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE');
  });
});
