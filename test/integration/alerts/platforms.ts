import { createHmac } from 'node:crypto';
import type { Answer, Received, Responder } from './platform-server.js';

/**
 * The platforms as the tests play them (platform.md 6). Each checks the credential and the
 * body shape the way the real one does and answers with its own success or error code;
 * signatures are recomputed here with node:crypto, independently of lib/alerts.
 */

export const WECOM_KEY = 'wecom-key-0f4e2c1a-9b7d-4e3f-a1b2-c3d4e5f60789';
export const DINGTALK_TOKEN = 'dingtalk-token-7c1e9a2b3d4f5a6b7c8d9e0f1a2b3c4d';
export const DINGTALK_SECRET = 'SECdingtalk-secret-must-never-leak-00000001';
export const FEISHU_HOOK = 'feishu-hook-3a9c7e51-2b4d-4f6a-8c0e-1d3f5a7b9c2e';
export const FEISHU_SECRET = 'feishu-secret-must-never-leak-00000002';
export const SLACK_PATH = '/services/T0000SLACK1/B0000SLACK2/slackSecretPathToken0003';

const ok = (body: unknown): Answer => ({ body });

export const wecomPlatform: Responder = (request) => {
  if (request.path !== '/cgi-bin/webhook/send' || request.query.get('key') !== WECOM_KEY) {
    return ok({ errcode: 93000, errmsg: 'invalid webhook url, hint: [1700000000_11_abcdef]' });
  }
  const markdown = request.json?.['markdown'] as { content?: unknown } | undefined;
  if (request.json?.['msgtype'] !== 'markdown' || typeof markdown?.content !== 'string') {
    return ok({ errcode: 40008, errmsg: 'invalid message type' });
  }
  if (Buffer.byteLength(markdown.content) > 4096) {
    return ok({ errcode: 40058, errmsg: 'markdown.content exceed max length 4096' });
  }
  return ok({ errcode: 0, errmsg: 'ok' });
};

const dingtalkSignatureOk = (request: Received, secret: string): boolean => {
  const timestamp = request.query.get('timestamp');
  const sign = request.query.get('sign');
  if (timestamp === null || sign === null) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  return sign === expected && Math.abs(Date.now() - Number(timestamp)) < 3_600_000;
};

export const dingtalkPlatform =
  (secret: string | undefined): Responder =>
  (request) => {
    if (request.path !== '/robot/send' || request.query.get('access_token') !== DINGTALK_TOKEN) {
      return ok({ errcode: 300001, errmsg: 'token is not exist' });
    }
    if (secret !== undefined && !dingtalkSignatureOk(request, secret)) {
      return ok({
        errcode: 310000,
        errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
      });
    }
    const markdown = request.json?.['markdown'] as { title?: unknown; text?: unknown } | undefined;
    if (
      request.json?.['msgtype'] !== 'markdown' ||
      typeof markdown?.title !== 'string' ||
      typeof markdown.text !== 'string'
    ) {
      return ok({ errcode: 40035, errmsg: 'missing parameter' });
    }
    return ok({ errcode: 0, errmsg: 'ok' });
  };

const feishuSignatureOk = (body: Record<string, unknown>, secret: string): boolean => {
  const { timestamp, sign } = body;
  if (typeof timestamp !== 'string' || typeof sign !== 'string') return false;
  const expected = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
  return sign === expected && Math.abs(Date.now() / 1000 - Number(timestamp)) < 3600;
};

export const feishuPlatform =
  (secret: string | undefined): Responder =>
  (request) => {
    if (request.path !== `/open-apis/bot/v2/hook/${FEISHU_HOOK}`) {
      return {
        status: 404,
        body: { code: 19001, msg: 'param invalid: incoming webhook access token invalid' },
      };
    }
    const body = request.json ?? {};
    if (secret !== undefined && !feishuSignatureOk(body, secret)) {
      return ok({
        code: 19021,
        msg: 'sign match fail or timestamp is not within one hour from current time',
        data: {},
      });
    }
    const card = body['card'] as { header?: unknown; elements?: unknown } | undefined;
    if (
      body['msg_type'] !== 'interactive' ||
      card?.header === undefined ||
      !Array.isArray(card.elements)
    ) {
      return { status: 400, body: { code: 9499, msg: 'Bad Request', data: {} } };
    }
    return ok({ StatusCode: 0, StatusMessage: 'success', code: 0, msg: 'success', data: {} });
  };

export const slackPlatform: Responder = (request) => {
  if (request.path !== SLACK_PATH) return { status: 404, body: 'no_team' };
  const body = request.json;
  if (body === undefined || typeof body['text'] !== 'string' || !Array.isArray(body['blocks'])) {
    return { status: 400, body: 'invalid_payload' };
  }
  return { status: 200, body: 'ok', headers: { 'content-type': 'text/html' } };
};
