import type { AlertMessage, HttpReply } from '../../../lib/alerts/types.js';

/** A message that uses every part, for the rendering tests. */
export const FULL: AlertMessage = {
  title: 'TASK_INSTANCE_FAILED: render-42 (job-abc)',
  text: 'Exit code: 137\nReason: OOMKilled',
  severity: 'error',
  fields: [
    ['Job', 'job-abc'],
    ['Region', 'ap-guangzhou'],
  ],
  codeBlock: 'Traceback (most recent call last):\nMemoryError',
  link: { label: 'Open in console', url: 'https://console.cloud.tencent.com/batch/job?id=job-abc' },
};

export const json = (
  status: number,
  body: unknown,
  retryAfter: string | null = null,
): HttpReply => ({
  status,
  text: JSON.stringify(body),
  retryAfter,
});

export const plain = (
  status: number,
  text: string,
  retryAfter: string | null = null,
): HttpReply => ({
  status,
  text,
  retryAfter,
});

/** 3-byte CJK and a 4-byte emoji: byte limits fall inside characters. */
export const cjkLines = (n: number): string =>
  Array.from({ length: n }, (_, i) => `第${i}行 任务实例失败 🔥 退出码 137`).join('\n');

export const isWholeUtf8 = (text: string): boolean =>
  Buffer.from(text, 'utf8').toString('utf8') === text && !text.includes('\uFFFD');
