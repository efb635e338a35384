// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NS, withServer, pod } from './helpers.mjs';
import { formatError } from '../../www/host/errors.js';

test('get, POST, 409, DELETE and logs against the fake server', async (t) => {
  const { server, kube } = await withServer({ logs: { [`${NS}/mypod/app`]: 'line1\nline2\n' } });
  t.after(() => server.close());
  assert.equal((await kube.get(`/api/v1/namespaces/${NS}/pods/mypod`)).metadata.name, 'mypod');
  await assert.rejects(kube.get(`/api/v1/namespaces/${NS}/pods/nope`),
    (err) => formatError(err) === 'Error from server (NotFound): pods "nope" not found');
  await assert.rejects(kube.get('/api/v1/nodes/nope'),
    (err) => formatError(err) === 'Error from server (NotFound): nodes "nope" not found');
  const create = { method: /** @type {const} */ ('POST'), path: `/api/v1/namespaces/${NS}/pods`, contentType: /** @type {const} */ ('application/json'),
    body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cp' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } };
  const created = await kube.send(create);
  assert.equal(created.metadata.namespace, NS);
  await assert.rejects(kube.send(create), (err) => formatError(err) === 'Error from server (AlreadyExists): pods "cp" already exists');
  await kube.send({ method: 'DELETE', path: `/api/v1/namespaces/${NS}/pods/cp`, contentType: 'application/json', body: { gracePeriodSeconds: 0 } });
  assert.deepEqual(server.writes.map((w) => [w.method, w.path, w.content_type, w.status]), [
    ['POST', `/api/v1/namespaces/${NS}/pods`, 'application/json', 201],
    ['POST', `/api/v1/namespaces/${NS}/pods`, 'application/json', 409],
    ['DELETE', `/api/v1/namespaces/${NS}/pods/cp`, 'application/json', 200],
  ]);
  assert.deepEqual(server.writes[2].body, { gracePeriodSeconds: 0 });
  let text = '';
  for await (const chunk of kube.logs(NS, 'mypod', 'app')) text += new TextDecoder().decode(chunk);
  assert.equal(text, 'line1\nline2\n');
  assert.equal(server.requests.at(-1)?.path + '?' + server.requests.at(-1)?.query, `/api/v1/namespaces/${NS}/pods/mypod/log?container=app`);
});

test('strategic-merge PATCH of ephemeralcontainers honours $setElementOrder and reports running', async (t) => {
  const existing = pod('withec', { spec: { ...pod('x').spec, ephemeralContainers: [{ name: 'old', image: 'busybox' }] } });
  const { server, kube } = await withServer({ fixtures: [existing] });
  t.after(() => server.close());
  const out = await kube.send({ method: 'PATCH', path: `/api/v1/namespaces/${NS}/pods/withec/ephemeralcontainers`,
    contentType: 'application/strategic-merge-patch+json',
    body: { metadata: { labels: { hacked: 'yes' } }, spec: { '$setElementOrder/ephemeralContainers': [{ name: 'dbg' }, { name: 'old' }],
      ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] } } });
  assert.deepEqual(out.spec.ephemeralContainers.map((/** @type {any} */ c) => c.name), ['dbg', 'old']);
  assert.equal(out.metadata.labels.hacked, undefined);
  const status = out.status.ephemeralContainerStatuses.find((/** @type {any} */ s) => s.name === 'dbg');
  assert.ok(status.state.running);
});

test('ephemeralcontainers disabled → kubectl text; protobuf → 415', async (t) => {
  const { server, kube } = await withServer({ ephemeralContainers: false });
  t.after(() => server.close());
  await assert.rejects(kube.send({ method: 'PATCH', path: `/api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers`,
    contentType: 'application/strategic-merge-patch+json', body: { spec: {} } }), (err) => formatError(err)
    === 'error: ephemeral containers are disabled for this cluster (error from server: "the server could not find the requested resource")');
  const res = await fetch(`${server.url}/api/v1/namespaces/${NS}/pods`, { method: 'POST',
    headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, body: 'k8s\0xx' });
  assert.equal(res.status, 415);
  assert.equal((await res.json()).reason, 'UnsupportedMediaType');
});

test('watchPod lists, then watches with the list resourceVersion and sees changes', async (t) => {
  const { server, kube } = await withServer();
  t.after(() => server.close());
  const ac = new AbortController();
  /** @type {string[]} */
  const seen = [];
  for await (const event of kube.watchPod(NS, 'mypod', { signal: ac.signal })) {
    seen.push(`${event.type}:${event.object.status?.containerStatuses?.[0]?.state?.waiting ? 'waiting' : 'running'}`);
    if (seen.length === 1) server.setContainerState(NS, 'mypod', 'app', 'waiting');
    if (seen.length === 2) server.deletePod(NS, 'mypod');
    if (event.type === 'DELETED') break;
  }
  ac.abort();
  assert.deepEqual(seen, ['ADDED:running', 'MODIFIED:waiting', 'DELETED:waiting']);
  const gets = server.requests.filter((r) => r.path === `/api/v1/namespaces/${NS}/pods`);
  assert.equal(gets[0].query, 'fieldSelector=metadata.name%3Dmypod');
  assert.match(gets[1].query, /^watch=1&fieldSelector=metadata.name%3Dmypod&resourceVersion=\d+$/);
});
