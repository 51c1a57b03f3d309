import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lib/errors.js';
import { cosLogObject, LEGACY_COS_REGIONS, parseCosUrl } from '../../../lib/logs/index.js';

describe('parseCosUrl', () => {
  it('splits the current virtual-hosted form into bucket, region and prefix', () => {
    // Arrange
    const url = 'cos://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/hello2/logs/';
    // Act
    const location = parseCosUrl(url);
    // Assert
    expect(location).toEqual({
      bucket: 'examplebucket-1250000000',
      appId: '1250000000',
      region: 'ap-guangzhou',
      prefix: 'hello2/logs/',
    });
  });

  it.each([
    ['cos://b-1250000000.cos.ap-beijing-1.myqcloud.com/', 'ap-beijing-1'],
    ['cos://b-1250000000.cos.ap-shanghai-fsi.myqcloud.com/', 'ap-shanghai-fsi'],
    ['cos://b-1250000000.cos.na-siliconvalley.myqcloud.com/', 'na-siliconvalley'],
  ])('reads the region of %s', (url, region) => {
    // Arrange / Act
    const location = parseCosUrl(url);
    // Assert
    expect(location.region).toBe(region);
  });

  it.each([
    ['cosgz', 'ap-guangzhou'],
    ['cossh', 'ap-shanghai'],
    ['cosbj', 'ap-beijing'],
    ['costj', 'ap-beijing-1'],
    ['coscd', 'ap-chengdu'],
    ['cossgp', 'ap-singapore'],
    ['coshk', 'ap-hongkong'],
    ['cosca', 'na-toronto'],
    ['cosger', 'eu-frankfurt'],
    ['coscq', 'ap-chongqing'],
  ])('maps the legacy host label %s to %s', (label, region) => {
    // Arrange
    const url = `cos://dondonbatch-1251783334.${label}.myqcloud.com/hello2/logs/`;
    // Act
    const location = parseCosUrl(url);
    // Assert
    expect(location).toEqual({
      bucket: 'dondonbatch-1251783334',
      appId: '1251783334',
      region,
      prefix: 'hello2/logs/',
    });
  });

  it('knows exactly the legacy labels of platform.md 5.3', () => {
    // Arrange / Act
    const labels = Object.keys(LEGACY_COS_REGIONS).sort();
    // Assert
    expect(labels).toEqual([
      'cosbj',
      'cosca',
      'coscd',
      'coscq',
      'cosger',
      'cosgz',
      'coshk',
      'cossgp',
      'cossh',
      'costj',
    ]);
  });

  it.each([
    ['cos://b-1250000000.cos.ap-guangzhou.myqcloud.com', ''],
    ['cos://b-1250000000.cos.ap-guangzhou.myqcloud.com/', ''],
    ['cos://b-1250000000.cos.ap-guangzhou.myqcloud.com/logs', 'logs/'],
    ['  cos://b-1250000000.cosgz.myqcloud.com/a/b/  ', 'a/b/'],
  ])('normalises the prefix of %j to %j', (url, prefix) => {
    // Arrange / Act
    const location = parseCosUrl(url);
    // Assert
    expect(location.prefix).toBe(prefix);
  });

  it.each([
    ['', 'cos:// scheme'],
    ['https://b-1250000000.cos.ap-guangzhou.myqcloud.com/logs/', 'cos:// scheme'],
    ['cfs://10.100.100.10:/', 'cos:// scheme'],
    ['cos://b-1250000000.cos.ap-guangzhou.example.com/logs/', '.myqcloud.com'],
    ['cos://bucket-appid.cosgz.myqcloud.com/hello2/logs/', 'expected cos://'],
    ['cos://bucket-appid..cosgz.myqcloud.com/hello2/logs/', 'expected cos://'],
    ['cos://b-1250000000.ap-guangzhou.myqcloud.com/hello2/logs/', 'expected cos://'],
    ['cos://B-1250000000.cos.ap-guangzhou.myqcloud.com/logs/', 'expected cos://'],
    ['cos://b-1250000000.cosxx.myqcloud.com/logs/', 'unknown legacy COS host label "cosxx"'],
    ['cos://b-1250000000.cos.accelerate.myqcloud.com/logs/', 'not a COS region id'],
    ['cos://b-1250000000.cos.ap-guangzhou.myqcloud.com//logs/', 'starts with "/"'],
  ])('rejects %j with COS_URL_INVALID', (url, why) => {
    // Arrange / Act
    const attempt = () => parseCosUrl(url);
    // Assert
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(why);
    try {
      attempt();
    } catch (e) {
      expect(e).toMatchObject({ code: 'COS_URL_INVALID', retryable: false });
    }
  });
});

describe('cosLogObject', () => {
  it('joins the documented DescribeTask path and file name into bucket, region and key', () => {
    // Arrange
    const path = 'cos://dondonbatch-1251783334.cosgz.myqcloud.com/hello2/logs/';
    // Act
    const object = cosLogObject(path, 'stdout.job-97zcl3wt.A.0.log');
    // Assert
    expect(object).toEqual({
      bucket: 'dondonbatch-1251783334',
      region: 'ap-guangzhou',
      key: 'hello2/logs/stdout.job-97zcl3wt.A.0.log',
    });
  });
});
