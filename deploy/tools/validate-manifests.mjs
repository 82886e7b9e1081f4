#!/usr/bin/env node
// Validates rendered Kubernetes manifests (e.g. `helm template` output) against the Kubernetes
// OpenAPI schemas shipped in the kubernetes-models package.
//
//   node deploy/tools/validate-manifests.mjs [--kube-version 1.30.0] rendered.yaml [more.yaml …]
//
// For every YAML document:
//   1. apiVersion/kind map to a kubernetes-models module (apps/v1 + Deployment ->
//      kubernetes-models/apps/v1/Deployment); a kind it does not know is an error.
//   2. The model's validate() checks types, enums and required fields.
//   3. validate() ignores fields the schema does not know, so a typo such as `readinesProbe`
//      would pass silently and the probe would be missing in the cluster. The unknown-field
//      check walks the object along the model's TypeScript declarations (.d.ts) and reports
//      every key that the API type has no such field for (what `kubectl apply` with
//      server-side field validation would reject).
//   4. metadata.name is present, and no kind/namespace/name appears twice.
//   5. The apiVersion is still served by the target Kubernetes version (--kube-version, default 1.30.0).
// Exit code 0 when every document is valid, 1 otherwise.

import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const deployDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = path.join(deployDir, 'node_modules', 'kubernetes-models');

// ---- unknown-field check, driven by the models' .d.ts declarations ----------------------

const interfaceCache = new Map(); // .d.ts path -> { fields: Map<name, typeText>, imports: Map<alias, path> } | null

function resolveSpecifier(fromFile, specifier) {
  let base;
  if (specifier.startsWith('.')) {
    base = path.resolve(path.dirname(fromFile), specifier);
  } else {
    // Bare specifier: @scope/pkg/sub/path or pkg/sub/path, looked up in node_modules upwards.
    const parts = specifier.split('/');
    const pkgLength = specifier.startsWith('@') ? 2 : 1;
    const pkg = parts.slice(0, pkgLength).join('/');
    const rest = parts.slice(pkgLength).join('/');
    let dir = path.dirname(fromFile);
    for (;;) {
      const candidate = path.join(dir, 'node_modules', pkg);
      if (existsSync(candidate)) { base = path.join(candidate, rest); break; }
      const parent = path.dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  }
  const dts = base.replace(/\.js$/, '') + '.d.ts';
  return existsSync(dts) ? dts : null;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

// Reads the first `export interface` of a .d.ts file: its fields and their type text.
function loadInterface(dtsPath) {
  if (interfaceCache.has(dtsPath)) return interfaceCache.get(dtsPath);
  const text = stripComments(readFileSync(dtsPath, 'utf8'));
  const imports = new Map();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    for (const name of m[1].split(',').map((s) => s.trim()).filter(Boolean)) {
      imports.set(name, m[2]);
    }
  }
  const head = /export interface \w+(?:\s+extends\s+([\w, ]+))?\s*\{/.exec(text);
  if (!head) { interfaceCache.set(dtsPath, null); return null; }
  // The interface body: up to the brace that closes the one opened by the header.
  let depth = 1;
  let i = head.index + head[0].length;
  const start = i;
  for (; i < text.length && depth > 0; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
  }
  const body = text.slice(start, i - 1);
  const fields = new Map();
  const fieldRe = /"([^"]+)"\??\s*:\s*/g;
  let m;
  while ((m = fieldRe.exec(body)) !== null) {
    // The type runs to the first `;` outside braces and angle brackets.
    let j = fieldRe.lastIndex;
    let nest = 0;
    for (; j < body.length; j++) {
      const c = body[j];
      if (c === '{' || c === '<' || c === '(') nest++;
      else if (c === '}' || c === '>' || c === ')') nest--;
      else if (c === ';' && nest === 0) break;
    }
    fields.set(m[1], body.slice(fieldRe.lastIndex, j).trim());
    fieldRe.lastIndex = j + 1;
  }
  if (head[1] && /\bTypeMeta\b/.test(head[1])) {
    fields.set('apiVersion', 'string');
    fields.set('kind', 'string');
  }
  const result = { fields, imports, file: dtsPath };
  interfaceCache.set(dtsPath, result);
  return result;
}

// Describes what a type text expects: { kind: 'object', iface } | { kind: 'array', of } | { kind: 'map', of } | { kind: 'leaf' }
function describeType(typeText, owner) {
  const t = typeText.replace(/\s+/g, ' ').trim();
  let m = /^Array<(.+)>$/.exec(t);
  if (m) return { kind: 'array', of: describeType(m[1], owner) };
  m = /^\{ \[key: string\]: (.+?);? \}$/.exec(t);
  if (m) return { kind: 'map', of: describeType(m[1], owner) };
  if (/^I\w+$/.test(t) && owner.imports.has(t)) {
    const dts = resolveSpecifier(owner.file, owner.imports.get(t));
    const iface = dts && loadInterface(dts);
    if (iface) return { kind: 'object', iface };
  }
  return { kind: 'leaf' };
}

function findUnknownFields(value, iface, at, problems) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const where = `${at}.${key}`;
    if (!iface.fields.has(key)) {
      problems.push(`${where}: unknown field "${key}"`);
      continue;
    }
    checkAgainst(child, describeType(iface.fields.get(key), iface), where, problems);
  }
}

function checkAgainst(value, type, at, problems) {
  if (value === null || value === undefined) return;
  switch (type.kind) {
    case 'object':
      findUnknownFields(value, type.iface, at, problems);
      break;
    case 'array':
      if (Array.isArray(value)) value.forEach((item, n) => checkAgainst(item, type.of, `${at}[${n}]`, problems));
      break;
    case 'map':
      if (typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) checkAgainst(v, type.of, `${at}.${k}`, problems);
      }
      break;
    default:
      break;
  }
}

// ---- APIs removed from Kubernetes -------------------------------------------------------
// kubernetes-models still ships old API versions; a cluster of the target version does not
// serve these any more (https://kubernetes.io/docs/reference/using-api/deprecation-guide/).
const removedIn = {
  'extensions/v1beta1': '1.22',
  'apps/v1beta1': '1.16',
  'apps/v1beta2': '1.16',
  'networking.k8s.io/v1beta1': '1.22',
  'rbac.authorization.k8s.io/v1beta1': '1.22',
  'admissionregistration.k8s.io/v1beta1': '1.22',
  'apiextensions.k8s.io/v1beta1': '1.22',
  'apiregistration.k8s.io/v1beta1': '1.22',
  'scheduling.k8s.io/v1beta1': '1.22',
  'coordination.k8s.io/v1beta1': '1.22',
  'certificates.k8s.io/v1beta1': '1.22',
  'batch/v1beta1': '1.25',
  'policy/v1beta1': '1.25',
  'autoscaling/v2beta1': '1.25',
  'discovery.k8s.io/v1beta1': '1.25',
  'events.k8s.io/v1beta1': '1.25',
  'node.k8s.io/v1beta1': '1.25',
  'autoscaling/v2beta2': '1.26',
  'flowcontrol.apiserver.k8s.io/v1beta1': '1.26',
  'flowcontrol.apiserver.k8s.io/v1beta2': '1.29',
  'flowcontrol.apiserver.k8s.io/v1beta3': '1.32',
};

function minor(version) {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : NaN;
}

let kubeVersion = '1.30.0';

// ---- per-document validation ------------------------------------------------------------

function modelPathFor(apiVersion, kind) {
  // Core group "v1" -> kubernetes-models/v1/Kind; "apps/v1" -> kubernetes-models/apps/v1/Kind.
  if (!/^[a-z0-9.-]+(\/[a-z0-9]+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return null;
  return `${apiVersion}/${kind}`;
}

function formatValidationError(error) {
  const details = Array.isArray(error?.errors)
    ? error.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`)
    : [];
  return details.length > 0 ? details : [String(error?.message ?? error)];
}

async function validateDocument(obj) {
  const problems = [];
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    return ['document is not a mapping'];
  }
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return ['apiVersion and kind are required'];
  }
  const removed = removedIn[apiVersion];
  if (removed && minor(kubeVersion) >= minor(removed)) {
    return [`${apiVersion} is not served since Kubernetes ${removed} (target ${kubeVersion})`];
  }
  const modelPath = modelPathFor(apiVersion, kind);
  const dts = modelPath && path.join(modelsDir, `${modelPath}.d.ts`);
  if (!dts || !existsSync(dts)) {
    return [`no Kubernetes schema for ${apiVersion} ${kind} (unknown or removed API)`];
  }
  const module = await import(`kubernetes-models/${modelPath}`);
  const Model = module[kind];
  try {
    new Model(obj).validate();
  } catch (error) {
    problems.push(...formatValidationError(error));
  }
  const iface = loadInterface(dts);
  if (iface) findUnknownFields(obj, iface, '', problems);
  if (!obj.metadata?.name) problems.push('metadata.name is missing');
  return problems;
}

async function main() {
  const files = [];
  const args = process.argv.slice(2);
  for (let n = 0; n < args.length; n++) {
    if (args[n] === '--kube-version') kubeVersion = args[++n] ?? '';
    else if (args[n].startsWith('--kube-version=')) kubeVersion = args[n].slice('--kube-version='.length);
    else files.push(args[n]);
  }
  if (files.length === 0 || Number.isNaN(minor(kubeVersion))) {
    console.error('usage: validate-manifests.mjs [--kube-version 1.30.0] FILE.yaml [FILE.yaml …]');
    process.exit(2);
  }
  let documents = 0;
  let failures = 0;
  for (const file of files) {
    const seen = new Set();
    const text = await readFile(file, 'utf8');
    const docs = parseAllDocuments(text);
    let fileDocuments = 0;
    for (const doc of docs) {
      if (doc.errors.length > 0) {
        failures++;
        console.log(`FAIL ${file}: YAML error: ${doc.errors[0].message.split('\n')[0]}`);
        continue;
      }
      const obj = doc.toJS();
      if (obj === null || obj === undefined) continue; // empty document (e.g. a disabled template)
      documents++;
      fileDocuments++;
      const label = `${obj?.kind ?? '?'}/${obj?.metadata?.name ?? '?'}`;
      const problems = await validateDocument(obj);
      // A resource without a namespace lands in the release namespace; compare it as "default".
      const identity = `${obj?.kind} ${obj?.metadata?.namespace ?? 'default'}/${obj?.metadata?.name}`;
      if (seen.has(identity)) problems.push(`duplicate resource ${identity}`);
      seen.add(identity);
      if (problems.length > 0) {
        failures++;
        console.log(`FAIL ${file}: ${obj?.apiVersion} ${label}`);
        for (const p of problems) console.log(`       ${p}`);
      } else {
        console.log(`ok   ${file}: ${obj.apiVersion} ${label}`);
      }
    }
    if (fileDocuments === 0) {
      failures++;
      console.log(`FAIL ${file}: no manifests in the file`);
    }
  }
  console.log(`${documents} manifest(s) checked, ${failures} invalid`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
