import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/errors.js';
import { compileTemplate } from '../../../lib/template/template.js';
import { compileValueTemplate } from '../../../lib/template/value-template.js';
import { configErrorOf } from './helpers.js';
import { makeEvent } from './make-event.js';

const event = makeEvent({
  exitCode: 137,
  vars: { pipeline: 'films' },
  batch: { Cpu: 4, Obj: { a: 1 }, List: ['x', 'y'] },
});
const render = (text: string) => compileTemplate(text, 'here').render(event);

describe('compileTemplate', () => {
  it.each([
    ['a field', '{{ jobId }}', 'job-4yn0we13'],
    ['no spaces', '{{jobId}}', 'job-4yn0we13'],
    ['many spaces', '{{   jobId   }}', 'job-4yn0we13'],
    ['text around several fields', 'run {{ jobName }}/{{ jobId }}!', 'run render-42/job-4yn0we13!'],
    ['a number', 'exit {{ exitCode }}', 'exit 137'],
    ['vars.NAME', '{{ vars.pipeline }}', 'films'],
    ['batch.Field', '{{ batch.Cpu }} cores', '4 cores'],
    ['an object as JSON', '{{ batch.Obj }}', '{"a":1}'],
    ['an array index', '{{ batch.List.1 }}', 'y'],
    ['source.messageId', '{{ source.messageId }}', 'msg-1'],
    ['an absent field as empty', '[{{ stateReason }}]', '[]'],
    ['an absent var as empty', '[{{ vars.nope }}]', '[]'],
    ['no template at all', 'plain text', 'plain text'],
    ['an escaped {{', "docker inspect -f '\\{{.State}}'", "docker inspect -f '{{.State}}'"],
  ])('renders %s', (_case, text, expected) => {
    // Arrange / Act / Assert
    expect(render(text)).toBe(expected);
  });

  it.each([
    ['vars.__proto__', '[{{ vars.__proto__ }}]'],
    ['vars.constructor', '[{{ vars.constructor }}]'],
    ['vars.toString (inherited)', '[{{ vars.toString }}]'],
    ['batch.__proto__', '[{{ batch.__proto__ }}]'],
    ['batch.Cpu.constructor', '[{{ batch.Cpu.constructor }}]'],
    ['batch.Obj.constructor.constructor', '[{{ batch.Obj.constructor.constructor }}]'],
  ])('renders prototype path %s as nothing', (_case, text) => {
    // Arrange / Act / Assert
    expect(render(text)).toBe('[]');
  });

  it('renders nothing for data that names a prototype key', () => {
    // Arrange: JSON.parse makes `__proto__` an own data property, as a hostile payload would.
    const hostile = makeEvent({ batch: JSON.parse('{"__proto__": {"x": "pwned"}}') });
    // Act
    const out = compileTemplate('[{{ batch.__proto__.x }}]', 'here').render(hostile);
    // Assert
    expect(out).toBe('[]');
  });

  it.each([
    ['constructor.constructor', '{{ constructor.constructor }}'],
    ['a call', '{{ process.exit(1) }}'],
    ['an assignment', '{{ globalThis.pwned = 1 }}'],
    ['arithmetic', '{{ exitCode + 1 }}'],
    ['an empty expression', '{{ }}'],
  ])('rejects %s at compile time and runs nothing', (_case, text) => {
    // Arrange / Act
    const error = configErrorOf(() => compileTemplate(text, 'rules[0].do[0].alert.template'));
    // Assert
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.path).toBe('rules[0].do[0].alert.template');
    expect(Reflect.get(globalThis, 'pwned')).toBeUndefined();
  });
});

describe('compileValueTemplate', () => {
  it('renders every string of a nested job and keeps the other values', () => {
    // Arrange
    const job = {
      JobName: 'encode-{{ jobId }}',
      Priority: 1,
      Flag: true,
      Nothing: null,
      '{{ jobId }}': 'keys are not templates',
      Tasks: [
        {
          EnvVars: [{ Name: 'UPSTREAM', Value: '{{ jobName }}' }],
          Tags: ['{{ vars.pipeline }}', 2],
        },
      ],
    };
    // Act
    const out = compileValueTemplate(job, 'job')(event);
    // Assert
    expect(out).toEqual({
      JobName: 'encode-job-4yn0we13',
      Priority: 1,
      Flag: true,
      Nothing: null,
      '{{ jobId }}': 'keys are not templates',
      Tasks: [{ EnvVars: [{ Name: 'UPSTREAM', Value: 'render-42' }], Tags: ['films', 2] }],
    });
  });

  it('returns fresh containers and leaves the source untouched', () => {
    // Arrange
    const job = { Tasks: [{ Application: { Command: 'run' } }] };
    const before = structuredClone(job);
    const renderJob = compileValueTemplate(job, 'job');
    // Act
    const first = renderJob(event) as typeof job;
    for (const task of first.Tasks) task.Application.Command = 'changed';
    const second = renderJob(event) as typeof job;
    // Assert
    expect(job).toEqual(before);
    expect(second.Tasks.map((t) => t.Application.Command)).toEqual(['run']);
    expect(second.Tasks).not.toBe(job.Tasks);
  });

  it('keeps a `__proto__` key of a parsed job as data, without touching the prototype', () => {
    // Arrange
    const job = JSON.parse('{"__proto__": {"polluted": "{{ jobId }}"}, "JobName": "x"}');
    // Act
    const out = compileValueTemplate(job, 'job')(event) as Record<string, unknown>;
    // Assert
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({
      polluted: 'job-4yn0we13',
    });
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
  });

  it('reports the path of a bad string deep inside', () => {
    // Arrange
    const job = {
      Tasks: [{ Application: { Command: 'ok' } }, { Application: { Command: '{{ jobid }}' } }],
    };
    // Act
    const error = configErrorOf(() => compileValueTemplate(job, 'job'));
    // Assert
    expect(error.path).toBe('job.Tasks[1].Application.Command');
    expect(error.message).toBe(
      "job.Tasks[1].Application.Command: unknown field 'jobid' in {{ jobid }}",
    );
  });
});
