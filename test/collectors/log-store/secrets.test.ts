import { describe, expect, it } from 'vitest';
import { redactConfigText, secretValues } from '../../../src/collectors/kit/redact.js';
import { confDocument, parseConf } from '../../../src/collectors/splunk/conf.js';

describe('secrets in log-store configurations', () => {
  it('finds object-store keys by name (S3 with its access key id, Azure, GCS) and leaves bucket and account names', () => {
    const loki = {
      storage_config: {
        aws: { bucketnames: 'chunks', access_key_id: 'AKIAEXAMPLEKEYID0001', secret_access_key: 'loki-s3-secret-value' },
        azure: { account_name: 'acme', account_key: 'azure-account-key-value' },
        gcs: { bucket_name: 'b', service_account: '{"type": "service_account", "private_key": "k"}' },
      },
      ruler: { alertmanager_client: { basic_auth_password: 'am-password-value' } },
    };
    expect(secretValues(loki).sort()).toEqual(
      [
        'AKIAEXAMPLEKEYID0001',
        'am-password-value',
        'azure-account-key-value',
        'loki-s3-secret-value',
        '{"type": "service_account", "private_key": "k"}',
      ].sort(),
    );
  });

  it('finds them in a Splunk .conf read as a document, and redacts the raw text', () => {
    const text = '[volume:remote]\nremote.s3.access_key = AKIAEXAMPLEKEYID0002\nremote.s3.secret_key = splunk-remote-secret\n';
    const doc = confDocument(parseConf(text, 'indexes.conf'), text);
    const found = secretValues(doc.value);
    expect(found.sort()).toEqual(['AKIAEXAMPLEKEYID0002', 'splunk-remote-secret']);
    expect(redactConfigText(text, found)).not.toContain('splunk-remote-secret');
    expect(redactConfigText(text, found)).not.toContain('AKIAEXAMPLEKEYID0002');
  });
});
