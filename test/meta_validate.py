#!/usr/bin/env python3
"""Check a META.json against the PGXN Meta Spec v1.0.0 (https://pgxn.org/spec/).

    test/meta_validate.py [META.json]          the file (default: ./META.json)
    test/meta_validate.py --zip pubfin-V.zip   the META.json inside a distribution zip,
                                               and the zip's layout (one top directory
                                               NAME-VERSION/, the files META.json names)

Implements the spec's rules: required keys and their types, name, semantic
versions (SemVer 1.0.0 as PGXN uses it), license strings, provides (file and
version required), prereqs (phases, relations, version ranges), resources
(URIs), release_status, tags, no_index, meta-spec version.  Prints every
problem and exits 1 when there is one.  Python 3 standard library only.
"""
import json
import re
import sys
import zipfile

SEMVER = re.compile(r'^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)([a-zA-Z][0-9a-zA-Z-]*)?$')
RANGE_OP = re.compile(r'^\s*(==|!=|>=|<=|>|<)?\s*(\S+)\s*$')
LICENSES = {
    'agpl_3', 'apache_1_1', 'apache_2_0', 'artistic_1', 'artistic_2', 'bsd', 'freebsd',
    'gfdl_1_2', 'gfdl_1_3', 'gpl_1', 'gpl_2', 'gpl_3', 'lgpl_2_1', 'lgpl_3_0', 'mit',
    'mozilla_1_0', 'mozilla_1_1', 'openssl', 'perl_5', 'postgresql', 'qpl_1_0', 'ssleay',
    'sun', 'zlib', 'open_source', 'restricted', 'unrestricted', 'unknown',
}
PHASES = {'configure', 'build', 'test', 'runtime', 'develop'}
RELATIONS = {'requires', 'recommends', 'suggests', 'conflicts'}
URI = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s]+$')
EMAIL = re.compile(r'^[^@\s]+@[^@\s]+$')
TERM = re.compile(r'^[^\s/\\\x00-\x1f]{2,}$')          # names: no space, slash, backslash, control
TAG = re.compile(r'^[^/\\\x00-\x1f]{1,255}$')


def semver(v):
    return isinstance(v, str) and SEMVER.match(v) is not None


def version_range(v):
    """A prereq version: 0, a version, or comma-separated operator clauses."""
    if v == 0 or v == '0':
        return True
    if isinstance(v, (int, float)):
        return False
    if not isinstance(v, str):
        return False
    for clause in v.split(','):
        m = RANGE_OP.match(clause)
        if not m or not semver(m.group(2)):
            return False
    return True


def validate(meta):
    errs = []

    def err(path, msg):
        errs.append('%s: %s' % (path, msg))

    if not isinstance(meta, dict):
        return ['top level: not a JSON object']
    for key in ('name', 'abstract', 'maintainer', 'license', 'provides', 'version', 'meta-spec'):
        if key not in meta:
            err(key, 'required key missing')
    ms = meta.get('meta-spec')
    if ms is not None:
        if not isinstance(ms, dict) or ms.get('version') != '1.0.0':
            err('meta-spec', 'must be an object with "version": "1.0.0"')
        elif 'url' in ms and not URI.match(str(ms['url'])):
            err('meta-spec.url', 'not a URI')
    if 'name' in meta and not (isinstance(meta['name'], str) and TERM.match(meta['name'])):
        err('name', 'at least 2 characters, no whitespace, slash, backslash or control character')
    for key in ('abstract', 'description', 'generated_by'):
        if key in meta and not (isinstance(meta[key], str) and meta[key].strip()):
            err(key, 'must be a non-empty string')
    if 'version' in meta and not semver(meta['version']):
        err('version', '%r is not a semantic version (X.Y.Z)' % (meta['version'],))
    mt = meta.get('maintainer')
    if mt is not None:
        items = mt if isinstance(mt, list) else [mt]
        if not items or not all(isinstance(x, str) and x.strip() for x in items):
            err('maintainer', 'a string or a list of strings')
    lic = meta.get('license')
    if lic is not None:
        if isinstance(lic, str):
            if lic not in LICENSES:
                err('license', '%r is not one of the spec\'s license strings' % lic)
        elif isinstance(lic, list):
            if not lic or not all(x in LICENSES for x in lic):
                err('license', 'a list of the spec\'s license strings')
        elif isinstance(lic, dict):
            if not lic or not all(isinstance(u, str) and URI.match(u) for u in lic.values()):
                err('license', 'an object of license names to URIs')
        else:
            err('license', 'a string, a list or an object')
    prov = meta.get('provides')
    if prov is not None:
        if not isinstance(prov, dict) or not prov:
            err('provides', 'a non-empty object of extensions')
        else:
            for ext, p in prov.items():
                where = 'provides.%s' % ext
                if not TERM.match(ext):
                    err(where, 'bad extension name')
                if not isinstance(p, dict):
                    err(where, 'must be an object')
                    continue
                for k in ('file', 'version'):
                    if k not in p:
                        err(where, '"%s" is required' % k)
                if 'version' in p and not semver(p['version']):
                    err(where + '.version', '%r is not a semantic version' % (p['version'],))
                for k in ('file', 'docfile', 'abstract'):
                    if k in p and not (isinstance(p[k], str) and p[k]):
                        err(where + '.' + k, 'must be a non-empty string')
                for k in p:
                    if k not in ('file', 'docfile', 'version', 'abstract') and not k.lower().startswith('x_'):
                        err(where + '.' + k, 'unknown key (custom keys start with x_)')
    pre = meta.get('prereqs')
    if pre is not None:
        if not isinstance(pre, dict):
            err('prereqs', 'must be an object')
        else:
            for phase, rels in pre.items():
                if phase not in PHASES:
                    err('prereqs.' + phase, 'unknown phase (%s)' % ', '.join(sorted(PHASES)))
                    continue
                if not isinstance(rels, dict):
                    err('prereqs.' + phase, 'must be an object')
                    continue
                for rel, deps in rels.items():
                    where = 'prereqs.%s.%s' % (phase, rel)
                    if rel not in RELATIONS:
                        err(where, 'unknown relation (%s)' % ', '.join(sorted(RELATIONS)))
                        continue
                    if not isinstance(deps, dict):
                        err(where, 'must be an object')
                        continue
                    for name, v in deps.items():
                        if not version_range(v):
                            err('%s.%s' % (where, name), '%r is not a version range' % (v,))
    rs = meta.get('release_status')
    if rs is not None and rs not in ('stable', 'testing', 'unstable'):
        err('release_status', 'stable, testing or unstable')
    res = meta.get('resources')
    if res is not None:
        if not isinstance(res, dict):
            err('resources', 'must be an object')
        else:
            for k, v in res.items():
                if k == 'homepage':
                    if not (isinstance(v, str) and URI.match(v)):
                        err('resources.homepage', 'not a URI')
                elif k == 'bugtracker':
                    if not isinstance(v, dict) or not v:
                        err('resources.bugtracker', 'an object with web and/or mailto')
                    else:
                        if 'web' in v and not URI.match(str(v['web'])):
                            err('resources.bugtracker.web', 'not a URI')
                        if 'mailto' in v and not EMAIL.match(str(v['mailto'])):
                            err('resources.bugtracker.mailto', 'not an email address')
                elif k == 'repository':
                    if not isinstance(v, dict) or not v:
                        err('resources.repository', 'an object with url, web, type')
                    else:
                        for u in ('url', 'web'):
                            if u in v and not URI.match(str(v[u])):
                                err('resources.repository.' + u, 'not a URI')
                elif not k.lower().startswith('x_'):
                    err('resources.' + k, 'unknown key')
    tags = meta.get('tags')
    if tags is not None:
        if not isinstance(tags, list) or not all(isinstance(t, str) and TAG.match(t) for t in tags):
            err('tags', 'a list of strings of 1 to 255 characters without slash, backslash or control characters')
    ni = meta.get('no_index')
    if ni is not None:
        if not isinstance(ni, dict) or not all(k in ('file', 'directory') for k in ni):
            err('no_index', 'an object with file and/or directory lists')
        else:
            for k, v in ni.items():
                if not (isinstance(v, list) and all(isinstance(x, str) for x in v)) and not isinstance(v, str):
                    err('no_index.' + k, 'a string or a list of strings')
    known = {'name', 'abstract', 'description', 'version', 'maintainer', 'license', 'provides',
             'prereqs', 'resources', 'release_status', 'tags', 'no_index', 'generated_by', 'meta-spec'}
    for k in meta:
        if k not in known and not k.lower().startswith('x_'):
            err(k, 'unknown key (custom keys start with x_)')
    return errs


def main(argv):
    if len(argv) >= 2 and argv[1] == '--zip':
        zpath = argv[2]
        with zipfile.ZipFile(zpath) as z:
            names = z.namelist()
            tops = {n.split('/', 1)[0] for n in names}
            if len(tops) != 1:
                print('%s: more than one top directory: %s' % (zpath, sorted(tops)))
                return 1
            top = tops.pop()
            meta = json.loads(z.read(top + '/META.json').decode('utf-8'))
            errs = validate(meta)
            want = '%s-%s' % (meta.get('name'), meta.get('version'))
            if top != want:
                errs.append('zip: top directory %s, expected %s' % (top, want))
            for ext, p in (meta.get('provides') or {}).items():
                for k in ('file', 'docfile'):
                    if isinstance(p, dict) and k in p and '%s/%s' % (top, p[k]) not in names:
                        errs.append('zip: provides.%s.%s %s is not in the zip' % (ext, k, p[k]))
            where = zpath
    else:
        where = argv[1] if len(argv) > 1 else 'META.json'
        with open(where, encoding='utf-8') as f:
            meta = json.load(f)
        errs = validate(meta)
    for e in errs:
        print('%s: %s' % (where, e))
    if errs:
        return 1
    print('%s: valid PGXN Meta Spec 1.0.0 (%s %s, release_status %s)'
          % (where, meta['name'], meta['version'], meta.get('release_status', 'stable')))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
