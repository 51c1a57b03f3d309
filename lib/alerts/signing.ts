import { createHmac } from 'node:crypto';

/**
 * The two signing schemes of platform.md 6. They differ in the clock unit, in what is the
 * HMAC key, and in where the result goes, so each is spelled out rather than shared.
 */

/** DingTalk "加签": key = secret, message = `${ms}\n${secret}`, Base64 (URL-encoding is the caller's). */
export const signDingTalk = (secret: string, timestampMs: number): string =>
  createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');

/** Feishu/Lark: key = `${seconds}\n${secret}`, message empty, Base64; sent in the JSON body. */
export const signFeishu = (secret: string, timestampSeconds: number): string =>
  createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
