import { describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.js';

const capture = (level?: 'debug' | 'info' | 'warn' | 'error') => {
  const lines: string[] = [];
  const logger = createLogger({ write: (l) => lines.push(l), ...(level ? { level } : {}) });
  return {
    logger,
    lines,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
};

describe('createLogger', () => {
  it('writes one JSON line per record with level, time and fields', () => {
    // Arrange
    const { logger, records } = capture();
    // Act
    logger.info('delivery', { events: 3 });
    // Assert
    const [r] = records();
    expect(r).toMatchObject({ level: 'info', message: 'delivery', events: 3 });
    expect(typeof r?.['time']).toBe('string');
  });

  it('drops records below the level', () => {
    // Arrange
    const { logger, lines } = capture('warn');
    // Act
    logger.info('quiet');
    logger.debug('quieter');
    logger.error('loud');
    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('loud');
  });

  it('masks credentials and webhook urls at any depth', () => {
    // Arrange
    const { logger, lines } = capture();
    // Act
    logger.warn('oops', {
      channel: { url: 'https://hook.example/key=abc123', secret: 's3cr3t' },
      creds: [{ secretKey: 'SK-XYZ', token: 'TOK-1' }],
      headers: { Authorization: 'TC3-HMAC-SHA256 Signature=deadbeef' },
      dedupKey: 'kept',
    });
    // Assert
    const text = lines.join('\n');
    for (const secret of ['abc123', 's3cr3t', 'SK-XYZ', 'TOK-1', 'deadbeef'])
      expect(text).not.toContain(secret);
    expect(text).toContain('kept');
  });

  it('logs errors by name and message only', () => {
    // Arrange
    const { logger, records } = capture();
    // Act
    logger.error('failed', { error: new TypeError('bad thing') });
    // Assert
    expect(records()[0]?.['error']).toEqual({ name: 'TypeError', message: 'bad thing' });
  });
});
