import { ValidationError } from '../errors.js';
import type { LogObject } from './types.js';

/** A `cos://` redirect path split into what an S3 client needs. */
export interface CosLocation {
  /** `<BucketName>-<APPID>`, the name S3 clients use. */
  readonly bucket: string;
  readonly appId: string;
  readonly region: string;
  /** The key prefix after the host: `''` or ends with `/` as Batch requires. */
  readonly prefix: string;
}

/**
 * Legacy short hosts (`<bucket>.cosgz.myqcloud.com`) still appear in Batch outputs, echoed as
 * submitted (platform.md 5.3, from cos-python-sdk-v5's format_region). `costj` is the old
 * North China host and maps to ap-beijing-1, not Tianjin.
 */
export const LEGACY_COS_REGIONS: Readonly<Record<string, string>> = {
  cosgz: 'ap-guangzhou',
  cossh: 'ap-shanghai',
  cosbj: 'ap-beijing',
  costj: 'ap-beijing-1',
  coscd: 'ap-chengdu',
  cossgp: 'ap-singapore',
  coshk: 'ap-hongkong',
  cosca: 'na-toronto',
  cosger: 'eu-frankfurt',
  // UNVERIFIED (absent from the SDK map); the only plausible reading of the label.
  coscq: 'ap-chongqing',
};

const COS_URL =
  /^cos:\/\/(?<bucket>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-(?<appId>\d+))\.(?<host>cos\.[a-z0-9-]+|cos[a-z]+)\.myqcloud\.com(?:\/(?<prefix>.*))?$/;
const REGION = /^[a-z]{2,}-[a-z]+(?:-[a-z0-9]+)?$/;

const reject = (url: string, why: string): ValidationError =>
  new ValidationError('COS_URL_INVALID', `not a usable COS path ${JSON.stringify(url)}: ${why}`);

const regionOf = (url: string, host: string): string => {
  if (host.startsWith('cos.')) {
    const region = host.slice('cos.'.length);
    if (!REGION.test(region)) throw reject(url, `"${region}" is not a COS region id`);
    return region;
  }
  const region = LEGACY_COS_REGIONS[host];
  if (region === undefined) throw reject(url, `unknown legacy COS host label "${host}"`);
  return region;
};

const whyNot = (url: string): string => {
  if (!url.startsWith('cos://')) return 'expected the cos:// scheme';
  if (!/\.myqcloud\.com(\/|$)/.test(url)) return 'expected a host ending in .myqcloud.com';
  return 'expected cos://<bucket>-<appid>.cos.<region>.myqcloud.com/<prefix>/ or a legacy host such as cos://<bucket>-<appid>.cosgz.myqcloud.com/<prefix>/';
};

/** Parses `cos://NAME-APPID.cos.REGION.myqcloud.com/p/` and the legacy `.cosgz.` form. */
export const parseCosUrl = (url: string): CosLocation => {
  const match = COS_URL.exec(url.trim());
  const groups = match?.groups;
  if (groups?.['bucket'] === undefined || groups['host'] === undefined) {
    throw reject(url, whyNot(url.trim()));
  }
  const raw = groups['prefix'] ?? '';
  if (raw.startsWith('/')) throw reject(url, 'the key prefix starts with "/"');
  return {
    bucket: groups['bucket'],
    appId: groups['appId'] ?? '',
    region: regionOf(url, groups['host']),
    // A redirect path names a directory (Batch rejects one without the slash): read it as one.
    prefix: raw === '' || raw.endsWith('/') ? raw : `${raw}/`,
  };
};

/** The object a redirect path plus a file name point to. */
export const cosLogObject = (path: string, fileName: string): LogObject => {
  const location = parseCosUrl(path);
  return { bucket: location.bucket, region: location.region, key: location.prefix + fileName };
};
