// @ts-check
/**
 * The fake API server's object store: fixtures by resource, resource versions, an event log for
 * watches, and the container states it reports.
 * @module
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const FIXED_TIMESTAMP = '2024-01-01T00:00:00Z';

/** kind → [group, plural, namespaced] */
export const KINDS = Object.freeze({
  Pod: ['', 'pods', true], Node: ['', 'nodes', false], Namespace: ['', 'namespaces', false],
  Deployment: ['apps', 'deployments', true], StatefulSet: ['apps', 'statefulsets', true],
  DaemonSet: ['apps', 'daemonsets', true], ReplicaSet: ['apps', 'replicasets', true],
  ReplicationController: ['', 'replicationcontrollers', true],
  Job: ['batch', 'jobs', true], CronJob: ['batch', 'cronjobs', true],
});

/** @typedef {{ type: 'ADDED' | 'MODIFIED' | 'DELETED', object: any, rv: number }} StoreEvent */

/**
 * Fixture objects from files or folders (JSON; one object, an array, or a `*List`).
 * @param {(string | object)[]} fixtures paths or objects
 * @returns {any[]}
 */
export function loadFixtures(fixtures) {
  /** @type {any[]} */
  const out = [];
  for (const f of fixtures) {
    if (typeof f !== 'string') {
      out.push(structuredClone(f));
      continue;
    }
    if (statSync(f).isDirectory()) {
      for (const name of readdirSync(f).sort()) {
        if (name.endsWith('.json') || statSync(join(f, name)).isDirectory()) out.push(...loadFixtures([join(f, name)]));
      }
      continue;
    }
    const data = JSON.parse(readFileSync(f, 'utf8'));
    for (const d of Array.isArray(data) ? data : [data]) {
      if (typeof d?.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items)) out.push(...d.items);
      else out.push(d);
    }
  }
  return out;
}

export class Store {
  constructor() {
    /** @type {Map<string, any>} */
    this.objects = new Map();
    this.rv = 1000;
    this.uids = 0;
    /** @type {StoreEvent[]} */
    this.events = [];
    /** @type {Set<(event: StoreEvent) => void>} */
    this.listeners = new Set();
  }

  /** @param {string} group @param {string} plural @param {string} ns @param {string} name */
  static key(group, plural, ns, name) {
    return `${group}/${plural}/${ns}/${name}`;
  }

  nextRv() {
    this.rv += 1;
    return String(this.rv);
  }

  nextUid() {
    this.uids += 1;
    return `00000000-0000-4000-8000-${String(this.uids).padStart(12, '0')}`;
  }

  /** @param {any} obj a fixture object */
  add(obj) {
    const info = /** @type {Record<string, any>} */ (KINDS)[obj?.kind];
    if (!info) throw new Error(`fake-apiserver: unsupported fixture kind ${JSON.stringify(obj?.kind)}`);
    const [group, plural, namespaced] = info;
    const meta = (obj.metadata ??= {});
    if (namespaced) meta.namespace ||= 'default';
    meta.resourceVersion ||= this.nextRv();
    this.objects.set(Store.key(group, plural, namespaced ? meta.namespace : '', meta.name), obj);
  }

  /** @param {string} group @param {string} plural @param {string} ns @param {string} name */
  get(group, plural, ns, name) {
    return this.objects.get(Store.key(group, plural, ns, name));
  }

  /** @param {string} group @param {string} plural @param {string | null} ns */
  list(group, plural, ns) {
    const prefix = ns === null || ns === '' ? `${group}/${plural}/` : `${group}/${plural}/${ns}/`;
    return [...this.objects.entries()].filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  }

  /**
   * Store a pod (new resourceVersion) and emit its watch event.
   * @param {any} pod
   * @param {'ADDED' | 'MODIFIED'} type
   */
  putPod(pod, type) {
    pod.metadata.resourceVersion = this.nextRv();
    this.objects.set(Store.key('', 'pods', pod.metadata.namespace, pod.metadata.name), pod);
    this.emit(type, pod);
  }

  /** @param {string} ns @param {string} name @returns {any | undefined} the deleted pod */
  deletePod(ns, name) {
    const key = Store.key('', 'pods', ns, name);
    const pod = this.objects.get(key);
    if (!pod) return undefined;
    this.objects.delete(key);
    const gone = structuredClone(pod);
    gone.metadata.resourceVersion = this.nextRv();
    gone.metadata.deletionTimestamp = FIXED_TIMESTAMP;
    gone.metadata.deletionGracePeriodSeconds = 0;
    this.emit('DELETED', gone);
    return gone;
  }

  /** @param {'ADDED' | 'MODIFIED' | 'DELETED'} type @param {any} object */
  emit(type, object) {
    /** @type {StoreEvent} */
    const event = { type, object: structuredClone(object), rv: Number(object.metadata.resourceVersion) };
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }
}

/**
 * A container state as the kubelet reports it.
 * @param {'running' | 'terminated' | 'waiting' | { waiting?: object, running?: object, terminated?: object }} state
 */
export function stateOf(state) {
  if (typeof state === 'object') return structuredClone(state);
  if (state === 'terminated') {
    return { terminated: { exitCode: 0, reason: 'Completed', startedAt: FIXED_TIMESTAMP, finishedAt: FIXED_TIMESTAMP } };
  }
  if (state === 'waiting') return { waiting: { reason: 'ContainerCreating' } };
  return { running: { startedAt: FIXED_TIMESTAMP } };
}

/**
 * @param {any} container
 * @param {object} state
 */
export function containerStatus(container, state) {
  return { name: container.name, image: container.image ?? '', imageID: '', ready: 'running' in state,
    restartCount: 0, state };
}
