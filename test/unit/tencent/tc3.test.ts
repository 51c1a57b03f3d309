import { describe, expect, it } from 'vitest';
import {
  buildCanonicalRequest,
  buildStringToSign,
  deriveSigningKey,
  sha256Hex,
  signApiRequest,
  signTc3,
  utcDate,
} from '../../../lib/tencent/tc3.js';

// batch-api.md 1.6.4: the official CVM DescribeInstances example, published values.
const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const TIMESTAMP = 1551113065;
// The `\u` escapes are literal backslash sequences: 86 bytes.
const CVM_BODY =
  '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const CVM_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  Host: 'cvm.tencentcloudapi.com',
  'X-TC-Action': 'DescribeInstances',
};
const CVM = {
  secretId: SECRET_ID,
  secretKey: SECRET_KEY,
  service: 'cvm',
  timestamp: TIMESTAMP,
  method: 'POST' as const,
  headers: CVM_HEADERS,
  payload: CVM_BODY,
  signedHeaders: ['content-type', 'host'],
};
const BATCH_BODY = '{"JobId":"job-97zcl3wt"}';
const BATCH = {
  ...CVM,
  service: 'batch',
  headers: { ...CVM_HEADERS, Host: 'batch.tencentcloudapi.com', 'X-TC-Action': 'DescribeJob' },
  payload: BATCH_BODY,
};

describe('TC3 official worked example (CVM DescribeInstances)', () => {
  it('hashes the payload and builds the documented canonical request', () => {
    // Arrange
    const expected =
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n' +
      'content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064';

    // Act
    const canonical = buildCanonicalRequest(CVM);

    // Assert
    expect(Buffer.byteLength(CVM_BODY)).toBe(86);
    expect(sha256Hex(CVM_BODY)).toBe(
      '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(canonical).toBe(expected);
    expect(sha256Hex(canonical)).toBe(
      '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
  });

  it('builds the documented string to sign with the UTC date', () => {
    // Act
    const stringToSign = buildStringToSign(
      TIMESTAMP,
      '2019-02-25/cvm/tc3_request',
      buildCanonicalRequest(CVM),
    );

    // Assert
    expect(utcDate(TIMESTAMP)).toBe('2019-02-25');
    expect(stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n' +
        '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
  });

  it('derives the signing key through date, service and tc3_request', () => {
    // Act
    const key = deriveSigningKey(SECRET_KEY, '2019-02-25', 'cvm');

    // Assert
    expect(key.toString('hex')).toBe(
      'ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1',
    );
  });

  it('reproduces the published signature and Authorization header exactly', () => {
    // Act
    const signed = signTc3(CVM);

    // Assert
    expect(signed.signature).toBe(
      '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, ' +
        'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });
});

describe('TC3 extra vectors (batch-api.md 1.6.4)', () => {
  it.each([
    {
      name: 'CVM with x-tc-action signed',
      input: { ...CVM, signedHeaders: ['content-type', 'host', 'x-tc-action'] },
      hashedCanonical: '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
      signature: '644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26',
    },
    {
      name: 'Batch DescribeJob, content-type;host',
      input: BATCH,
      hashedCanonical: '6c664a350f3cceada1dfb3438a31186102cc9d5fda2c96d5c4b958bbc745ba06',
      signature: '820c076d6096fb895645725e48ff014185c75fc9a304a51f6a3795303e3f0662',
    },
    {
      name: 'Batch DescribeJob, content-type;host;x-tc-action',
      input: { ...BATCH, signedHeaders: ['X-TC-Action', 'Host', 'Content-Type'] },
      hashedCanonical: '7adb142dd863f2e39b321ba33e147b9cf05f289787d1e4e42b12c45c7b4b0fd8',
      signature: '8ce61bf3d7bfd944956b2dbdf4a661a665c6160109f8f8101e3cd5e07d74da01',
    },
  ])('reproduces $name', ({ input, hashedCanonical, signature }) => {
    // Act
    const canonical = buildCanonicalRequest(input);
    const signed = signTc3(input);

    // Assert
    expect(sha256Hex(canonical)).toBe(hashedCanonical);
    expect(signed.signature).toBe(signature);
  });

  it('refuses to sign a header that is not set', () => {
    // Arrange
    const input = { ...BATCH, signedHeaders: ['content-type', 'host', 'x-tc-region'] };

    // Act / Assert
    expect(() => signTc3(input)).toThrow(/x-tc-region/);
  });
});

describe('signApiRequest', () => {
  const base = {
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    service: 'batch',
    host: 'batch.tencentcloudapi.com',
    action: 'DescribeJob',
    version: '2017-03-12',
    region: 'ap-guangzhou',
    timestamp: TIMESTAMP,
    payload: BATCH_BODY,
  };

  it('sends the API 3.0 headers and signs content-type, host and x-tc-action', () => {
    // Act
    const { headers, signature } = signApiRequest(base);

    // Assert
    expect(signature).toBe('8ce61bf3d7bfd944956b2dbdf4a661a665c6160109f8f8101e3cd5e07d74da01');
    expect(headers).toEqual({
      Authorization:
        'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/batch/tc3_request, ' +
        `SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`,
      'Content-Type': 'application/json; charset=utf-8',
      Host: 'batch.tencentcloudapi.com',
      'X-TC-Action': 'DescribeJob',
      'X-TC-Version': '2017-03-12',
      'X-TC-Timestamp': '1551113065',
      'X-TC-Region': 'ap-guangzhou',
    });
  });

  it('adds X-TC-Token for temporary credentials without changing the signature', () => {
    // Act
    const withToken = signApiRequest({ ...base, token: 'session-token-1' });
    const without = signApiRequest(base);

    // Assert
    expect(withToken.headers['X-TC-Token']).toBe('session-token-1');
    expect(without.headers).not.toHaveProperty('X-TC-Token');
    expect(withToken.signature).toBe(without.signature);
  });

  it('signs the host with its port, as it is sent to a local endpoint', () => {
    // Act
    const { headers } = signApiRequest({ ...base, host: '127.0.0.1:8080' });
    const expected = signTc3({
      ...BATCH,
      headers: { ...BATCH.headers, Host: '127.0.0.1:8080' },
      signedHeaders: ['content-type', 'host', 'x-tc-action'],
    });

    // Assert
    expect(headers).toMatchObject({
      Host: '127.0.0.1:8080',
      Authorization: expected.authorization,
    });
  });
});
