// @ts-check
/** serve-policy.js: request-target parsing, the allowlist, and the upstream URL (issue 15, items 3–4). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchRule, parseApiTarget, upstreamUrl } from '../../www/node/serve-policy.js';
import { isLoopbackAddress, isSameOriginBrowserRequest } from '../../www/node/serve-access.js';

/** @param {string} raw */
function target(raw) {
  const parsed = parseApiTarget(raw);
  if (!parsed.ok) throw new Error(`${raw}: ${parsed.reason}`);
  return parsed.target;
}

test('only origin-form /api/ and /apis/ targets without dot segments, encoded slashes or backslashes', () => {
  for (const raw of ['host://y/api/v1/pods', 'x.attacker.example://y/api/v1/pods', 'http://evil/api/v1/pods', '*', '//evil/api/v1',
    'api/v1/pods', '/api/v1/namespaces/../secrets', '/api/v1/namespaces/%2e%2e/secrets', '/api/v1/namespaces/.%2E/x',
    '/api/v1/./nodes', '/api/v1/namespaces/a%2fb/pods', '/api/v1/namespaces/a%5Cb/pods', '/api/v1\\nodes', '/api/v1//nodes',
    '/api/v1/nodes/', '/api/v1/nodes/%00', '/api/v1/nodes/%zz', '/api/v1/nodes#x', '/api/v1/nodes/\u00e9', '/www/x', '/apix/v1',
    '/api/v1/nodes?x=%']) {
    assert.equal(parseApiTarget(raw).ok, false, raw);
  }
  assert.deepEqual(target('/api/v1/namespaces/d/pods/web?watch=1').segments, ['api', 'v1', 'namespaces', 'd', 'pods', 'web']);
});

test('the upstream URL keeps the server\'s scheme, credentials, host, port and base path', () => {
  const t = target('/api/v1/namespaces/d/pods?fieldSelector=metadata.name%3Dweb&watch=1');
  assert.equal(upstreamUrl('http://local', t).href, 'http://local/api/v1/namespaces/d/pods?fieldSelector=metadata.name%3Dweb&watch=1');
  assert.equal(upstreamUrl('https://u:p@h.example:6443/base/', t).href,
    'https://u:p@h.example:6443/base/api/v1/namespaces/d/pods?fieldSelector=metadata.name%3Dweb&watch=1');
  assert.equal(upstreamUrl('https://h.example', target('/api/v1/namespaces/d/pods/web/attach?container=a'), { webSocket: true }).href,
    'wss://h.example/api/v1/namespaces/d/pods/web/attach?container=a');
  assert.equal(upstreamUrl('http://h', target('/api/v1/nodes/a:b@c')).host, 'h');
  assert.throws(() => upstreamUrl('file:///etc', t), /not http/);
});

test('the allowlist: method, path shape, query keys, and upgrade-only attach', () => {
  const allowed = (/** @type {string} */ m, /** @type {string} */ raw, upgrade = false) => Boolean(matchRule(m, target(raw), upgrade));
  assert.ok(allowed('GET', '/api/v1/namespaces/d/pods?watch=1&resourceVersion=5&fieldSelector=x'));
  assert.ok(allowed('PATCH', '/api/v1/namespaces/d/pods/p/ephemeralcontainers'));
  assert.ok(allowed('GET', '/api/v1/namespaces/d/pods/p/attach?container=c&stdin=true&stdout=true&tty=true', true));
  assert.ok(!allowed('GET', '/api/v1/namespaces/d/pods/p/attach?container=c'));
  assert.ok(!allowed('GET', '/api/v1/namespaces/d/pods/p', true));
  assert.ok(!allowed('GET', '/api/v1/namespaces/d/pods/p/exec?command=sh', true));
  assert.ok(!allowed('DELETE', '/api/v1/namespaces/d/pods'));
  assert.ok(!allowed('GET', '/api/v1/namespaces/d/pods/p/log?insecureSkipTLSVerifyBackend=true'));
  assert.ok(!allowed('GET', '/apis/apps/v1/namespaces/d/secrets/s'));
  assert.ok(!allowed('GET', '/apis/batch/v1/namespaces/d/deployments/d'));
});

test('the reads of a workload target (issue 14): the workload, then its pods by label selector', () => {
  const allowed = (/** @type {string} */ m, /** @type {string} */ raw) => Boolean(matchRule(m, target(raw), false));
  for (const raw of ['/apis/apps/v1/namespaces/d/deployments/web', '/apis/apps/v1/namespaces/d/statefulsets/db',
    '/apis/apps/v1/namespaces/d/daemonsets/agent', '/apis/apps/v1/namespaces/d/replicasets/web-1',
    '/api/v1/namespaces/d/replicationcontrollers/old', '/apis/batch/v1/namespaces/d/jobs/j', '/apis/batch/v1/namespaces/d/cronjobs/c',
    '/api/v1/namespaces/d/pods?labelSelector=app%3Dweb%2Cenv+in+%28dev%2Cprod%29']) {
    assert.ok(allowed('GET', raw), raw);
  }
  assert.ok(!allowed('GET', '/apis/apps/v1/deployments'));
  assert.ok(!allowed('GET', '/api/v1/pods?labelSelector=app%3Dweb'));
  assert.ok(!allowed('GET', '/apis/batch/v1/namespaces/d/jobs?labelSelector=x'));
});

test('loopback addresses and browser same-origin markers', () => {
  for (const a of ['127.0.0.1', '127.9.9.9', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.ok(isLoopbackAddress(a), a);
  for (const a of ['0.0.0.0', '::', '10.0.0.1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1', '']) assert.ok(!isLoopbackAddress(a), a);
  const req = (/** @type {Record<string, string>} */ headers) => /** @type {any} */ ({ headers });
  assert.ok(isSameOriginBrowserRequest(req({}), 'h:1'));
  assert.ok(isSameOriginBrowserRequest(req({ origin: 'http://h:1' }), 'h:1'));
  assert.ok(isSameOriginBrowserRequest(req({ 'sec-fetch-site': 'same-origin' }), 'h:1'));
  assert.ok(!isSameOriginBrowserRequest(req({ origin: 'https://h:1' }), 'h:1'));
  assert.ok(!isSameOriginBrowserRequest(req({ 'sec-fetch-dest': 'image' }), 'h:1'));
});
