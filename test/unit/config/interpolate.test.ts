import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolateEnv } from '../../../lib/config/interpolate.js';
import { catchConfigError, parseText } from './config-test-kit.js';

const HOOK = 'https://hooks.slack.example/services/T0/B0/very-secret-token';

const parseOncall = (text: string, env: Readonly<Record<string, string>> = {}) => {
  const { oncall } = parseText(text, { env }).channels;
  return oncall;
};

const withChannel = (url: string, secret = ''): string =>
  `version: 1\nchannels:\n  oncall:\n    type: dingtalk\n    url: "${url}"\n${secret}`;

describe('parseConfig: env interpolation', () => {
  it('substitutes variables inside and around other text', () => {
    // Arrange
    const text = withChannel(`https://\${env:HOST}/hook?key=\${env:KEY}`);

    // Act
    const oncall = parseOncall(text, { HOST: 'h.example', KEY: 'k1' });

    // Assert
    expect(oncall?.url).toBe('https://h.example/hook?key=k1');
  });

  it.each([
    ['unset', {}, 'https://fallback.example'],
    ['empty', { HOOK_URL: '' }, 'https://fallback.example'],
    ['set', { HOOK_URL: 'https://set.example' }, 'https://set.example'],
  ])('uses the :-default when the variable is %s, and the value when set', (_state, env, url) => {
    // Arrange
    const text = withChannel(`\${env:HOOK_URL:-https://fallback.example}`);

    // Act
    const oncall = parseOncall(text, env);

    // Assert
    expect(oncall?.url).toBe(url);
  });

  it('reads $${ as a literal ${ and does not expand what follows', () => {
    // Arrange
    const text = withChannel(HOOK, `    secret: "a$\${env:NOPE}b$$c"\n`);

    // Act
    const oncall = parseOncall(text);

    // Assert
    expect(oncall?.secret).toBe(`a\${env:NOPE}b$$c`);
  });

  it('never expands keys', () => {
    // Arrange
    const text = `version: 1\nchannels:\n  "\${env:NAME}": { type: slack, url: "${HOOK}" }`;

    // Act
    const error = catchConfigError(() => parseText(text, { env: { NAME: 'oncall' } }));

    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.path).toBe(`channels["\${env:NAME}"]`);
  });

  it('cannot inject YAML: an env value stays one string', () => {
    // Arrange
    const text = withChannel(HOOK, `    secret: \${env:SECRET}\n`);
    const env = { SECRET: 'x\nrules:\n  - name: evil' };

    // Act
    const config = parseText(text, { env });

    // Assert
    expect(config.channels).toEqual({
      oncall: { type: 'dingtalk', url: HOOK, secret: env.SECRET },
    });
    expect(config.rules).toEqual([]);
  });

  it('reports every missing variable at once, with the path and line of each use', () => {
    // Arrange
    const text = withChannel(`\${env:ONCALL_WEBHOOK}`, `    secret: \${env:ONCALL_SECRET}\n`);

    // Act
    const error = catchConfigError(() => parseText(text, { env: { UNRELATED: 'x' } }));

    // Assert
    expect(error.code).toBe('CONFIG_ENV_MISSING');
    expect(error.path).toBe('channels.oncall.url');
    expect(error.message).toBe(
      'bridge.yml: environment variables not set, with no default: ' +
        'ONCALL_WEBHOOK (channels.oncall.url, line 5), ONCALL_SECRET (channels.oncall.secret, line 6)',
    );
  });

  it('rejects a malformed reference instead of leaving it in place', () => {
    // Arrange
    const text = withChannel(`\${env:ONCALL-WEBHOOK}`);

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.path).toBe('channels.oncall.url');
    expect(error.message).toContain('malformed');
  });
});

describe('parseConfig: env values stay out of messages', () => {
  it('says which variable made a URL invalid without printing it', () => {
    // Arrange
    const secretUrl = 'not a url but a secret-token-123';
    const text = withChannel(`\${env:ONCALL_WEBHOOK}`);

    // Act
    const error = catchConfigError(() => parseText(text, { env: { ONCALL_WEBHOOK: secretUrl } }));

    // Assert
    expect(error.path).toBe('channels.oncall.url');
    expect(error.message).toContain(
      'channels.oncall.url: the value of ONCALL_WEBHOOK is invalid: not a valid http(s) URL (line 5)',
    );
    expect(error.message).not.toContain(secretUrl);
  });

  it('replaces an env value quoted by a message with its reference', () => {
    // Arrange
    const text = `${withChannel(HOOK)}\nrules:\n  - { name: r, on: X, do: [ { alert: { channel: "\${env:CHANNEL}" } } ] }`;

    // Act
    const error = catchConfigError(() => parseText(text, { env: { CHANNEL: 'pager-secret' } }));

    // Assert
    expect(error.message).toContain(`unknown channel '\${env:CHANNEL}'`);
    expect(error.message).not.toContain('pager-secret');
  });
});

describe('interpolateEnv', () => {
  it('leaves strings without $ unchanged', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('$')),
        (s) => {
          // Act
          const result = interpolateEnv({ a: [s] }, {});

          // Assert
          expect(result.value).toEqual({ a: [s] });
        },
      ),
    );
  });

  it('turns every $${ into a literal ${ for any surrounding text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string().filter((s) => !s.includes('$')),
          { minLength: 1 },
        ),
        (parts) => {
          // Arrange
          const escaped = parts.join('$${');

          // Act
          const result = interpolateEnv(escaped, {});

          // Assert
          expect(result.value).toBe(parts.join('${'));
          expect(result.missing).toEqual([]);
        },
      ),
    );
  });

  it('keeps non-string values as they are', () => {
    // Act
    const result = interpolateEnv({ n: 1, b: false, z: null, l: [2.5] }, {});

    // Assert
    expect(result.value).toEqual({ n: 1, b: false, z: null, l: [2.5] });
  });
});
