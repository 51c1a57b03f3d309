import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../lib/config/index.js';
import { catchConfigError, memoryFiles, oneRule, parseText } from './config-test-kit.js';

describe('loadConfigFile errors', () => {
  it('reports a missing file as CONFIG_NOT_FOUND naming the path', () => {
    // Arrange
    const { readFile } = memoryFiles({});

    // Act
    const error = catchConfigError(() =>
      loadConfigFile('/etc/bb/bridge.yml', { env: {}, readFile }),
    );

    // Assert
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toContain('/etc/bb/bridge.yml');
  });

  it('reports an unreadable file as CONFIG_NOT_FOUND with the reason', () => {
    // Arrange
    const readFile = (): string => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };

    // Act
    const error = catchConfigError(() =>
      loadConfigFile('/etc/bb/bridge.yml', { env: {}, readFile }),
    );

    // Assert
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toBe('cannot read config file /etc/bb/bridge.yml (EACCES)');
  });

  it('names the file in parse errors', () => {
    // Arrange
    const { readFile } = memoryFiles({ '/etc/bb/bridge.yml': 'version: [1' });

    // Act
    const error = catchConfigError(() =>
      loadConfigFile('/etc/bb/bridge.yml', { env: {}, readFile }),
    );

    // Assert
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.message).toMatch(/^\/etc\/bb\/bridge\.yml:1:\d+: /);
  });
});

describe('parseConfig: CONFIG_PARSE', () => {
  it('stops an alias bomb', () => {
    // Arrange
    const lines = ['version: 1', 'x0: &a0 [lol, lol]'];
    for (let i = 1; i < 12; i++) lines.push(`x${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}]`);

    // Act
    const error = catchConfigError(() => parseText(lines.join('\n')));

    // Assert
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.message).toContain('Excessive alias count');
  });

  it('follows aliases and reports a problem at the anchored definition', () => {
    // Arrange
    const text = 'version: 1\nchannels:\n  a: &c { type: slack, url: "ftp://h" }\n  b: *c\n';

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('channels.b.url: not a valid http(s) URL (line 3)');
  });

  it('reports a YAML syntax error with line and column', () => {
    // Arrange
    const text = 'version: 1\nrules:\n  - name: a\n   on: X\n';

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.message).toMatch(/^bridge\.yml:4:\d+: /);
  });

  it('rejects duplicate keys with the line and column of the second one', () => {
    // Arrange
    const text = 'version: 1\nrules:\n  - name: a\n    name: b\n';

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.message).toBe('bridge.yml:4:5: Map keys must be unique');
  });
});

describe('parseConfig: CONFIG_INVALID', () => {
  it('lists every issue with its path and line, and keeps the first path', () => {
    // Arrange
    const text = 'version: 2\nregion: Guangzhou\nrules:\n  - { name: a, on: [], do: [] }\n';

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.path).toBe('version');
    expect(error.message.split('\n').slice(1)).toEqual([
      '  version: expected version: 1 (line 1)',
      '  region: a region such as ap-guangzhou (line 2)',
      '  rules[0].on: list at least one event name (line 4)',
      '  rules[0].do: a rule needs at least one action (line 4)',
    ]);
  });

  it('orders issues by line, not by schema order', () => {
    // Arrange
    const text = 'rules: 5\nversion: 2\n';

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.path).toBe('rules');
    expect(error.message).toMatch(/\n {2}rules: .*\(line 1\)\n {2}version: .*\(line 2\)$/);
  });

  it.each([
    [
      'an unknown top-level key',
      'version: 1\nregoin: x',
      'regoin',
      /unknown key 'regoin' in bridge\.yml: expected version, region/,
    ],
    [
      'an unknown rule key',
      'version: 1\nrules:\n  - name: a\n    on: X\n    when: now\n    do: [ { terminateNode: {} } ]',
      'rules[0].when',
      /unknown key 'when' in a rule/,
    ],
    [
      'an unknown channel key',
      'version: 1\nchannels:\n  c: { type: slack, url: "https://h.example", token: t }',
      'channels.c.token',
      /unknown key 'token' in a channel/,
    ],
    [
      'an unknown channel type',
      'version: 1\nchannels:\n  c: { type: teams, url: "https://h.example" }',
      'channels.c.type',
      /expected one of "wecom"\|"dingtalk"/,
    ],
    [
      'a non-http URL',
      'version: 1\nchannels:\n  c: { type: slack, url: "ftp://h.example" }',
      'channels.c.url',
      /not a valid http\(s\) URL/,
    ],
  ])('reports %s at its path', (_what, text, path, message) => {
    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });

  it('reports a duplicate rule name on the line of the second rule, naming the first', () => {
    // Arrange
    const text =
      'version: 1\nrules:\n  - { name: a, on: X, do: [ { terminateNode: {} } ] }\n  - { name: a, on: Y, do: [ { terminateNode: {} } ] }\n';

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.path).toBe('rules[1].name');
    expect(error.message).toContain(
      "rules[1].name: duplicate rule name 'a' (also rules[0].name) (line 4)",
    );
  });

  it('brackets dotted field names in paths', () => {
    // Arrange
    const text = oneRule(
      '    if:\n      vars.stage: { glb: "x*" }\n    do: [ { terminateNode: {} } ]',
    );

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.path).toBe('rules[0].if["vars.stage"].glb');
    expect(error.message).toContain('(line 8)');
  });

  it('rejects an empty file', () => {
    // Act
    const error = catchConfigError(() => parseText('# nothing yet\n'));

    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('bridge.yml is empty: expected at least "version: 1"');
  });
});
