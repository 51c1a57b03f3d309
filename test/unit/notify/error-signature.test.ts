import { describe, expect, it } from 'vitest';
import { errorSignature, normaliseErrorLine } from '../../../lib/notify/error-signature.js';

describe('errorSignature', () => {
  it('takes the last error-looking line of the log', () => {
    // Arrange
    const lines = [
      'rendering frame 17',
      'Traceback (most recent call last):',
      '  File "/opt/render/main.py", line 88, in <module>',
      'MemoryError: out of memory after 3.5 GB',
      'cleanup done',
    ];
    // Act
    const signature = errorSignature({ lines });
    // Assert
    expect(signature).toBe('MemoryError: out of memory after N GB');
  });

  it('gives the same signature to instances that fail the same way', () => {
    // Arrange
    const a =
      'ERROR: job-8xk2m1qa frame 17 failed reading /data/in/frame_0017.exr at 0x7ffde4 (uuid 9c2b6f7e-7d8a-4c1e-9f3a-2b8c1d0e5a77)';
    const b =
      'ERROR: job-77abc9zz frame 203 failed reading /data/in/frame_0203.exr at 0x1aa0 (uuid 0d1b6f7e-7d8a-4c1e-9f3a-2b8c1d0e5a99)';
    // Act
    const [sa, sb] = [normaliseErrorLine(a), normaliseErrorLine(b)];
    // Assert
    expect(sa).toBe(sb);
    expect(sa).toBe('ERROR: <job> frame N failed reading <path> at <hex> (uuid <uuid>)');
  });

  it('falls back to the state reason, then the exit code, then nothing', () => {
    // Act
    const fromReason = errorSignature({
      lines: ['all good'],
      stateReason: 'Out of memory: killed process 4121',
    });
    const fromExit = errorSignature({ lines: [], exitCode: 137 });
    const nothing = errorSignature({});
    // Assert
    expect(fromReason).toBe('Out of memory: killed process N');
    expect(fromExit).toBe('exit code 137');
    expect(nothing).toBeUndefined();
  });

  it('caps a very long line', () => {
    // Act
    const signature = errorSignature({ lines: [`fatal: ${'x'.repeat(500)}`] });
    // Assert
    expect(signature?.length).toBe(160);
    expect(signature?.endsWith('…')).toBe(true);
  });
});
