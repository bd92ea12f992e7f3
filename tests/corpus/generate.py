#!/usr/bin/env python3
"""Writes the corpus of bad catalogue files (tests/corpus/bad/) from the small valid
fixture, each broken in one way, and expected.json: a piece of the message each must
give. Run again after changing the cases; the files are committed so they are reviewed."""
import copy, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = json.load(open(os.path.join(HERE, '..', '..', 'crates', 'catalogue-core', 'tests', 'fixtures', 'small.json')))
OUT = os.path.join(HERE, 'bad')
os.makedirs(OUT, exist_ok=True)
expected = {}

def case(name, expect, doc=None, raw=None):
    path = os.path.join(OUT, name)
    if raw is None:
        raw = json.dumps(doc, indent=2, ensure_ascii=False).encode()
    elif isinstance(raw, str):
        raw = raw.encode()
    open(path, 'wb').write(raw)
    expected[name] = expect

def mutate(fn):
    d = copy.deepcopy(BASE)
    fn(d)
    return d

text = json.dumps(BASE, indent=2)
# Not JSON, truncated, encodings.
case('empty.json', 'the file is empty', raw='')
case('not-json.json', 'not valid JSON', raw='this is not json')
case('html-page.json', 'not valid JSON', raw='<!DOCTYPE html><html><body>404</body></html>')
case('truncated-half.json', 'ends too early', raw=text[: len(text) // 2])
case('truncated-last-brace.json', 'ends too early', raw=text.rstrip()[:-1])
case('trailing-comma.json', 'not valid JSON', raw=text.replace('"Ops"', '"Ops",', 1) if '"Ops"' in text else text.replace('"revision": 1,', '"revision": 1,,', 1))
case('trailing-garbage.json', 'trailing characters', raw=text + '\n}{')
case('invalid-utf8.json', 'UTF-8', raw=text.encode()[:200] + b'\xff\xfe\xfa' + text.encode()[200:])
case('utf16.json', 'UTF-8', raw=text.encode('utf-16'))
case('array-at-top.json', 'one JSON object', raw='[]')
case('number-at-top.json', 'one JSON object', raw='42')
case('single-quotes.json', 'not valid JSON', raw=text.replace('"', "'"))
case('comments.json', 'not valid JSON', raw='// exported\n' + text)
# Format and version.
case('wrong-format.json', 'format', mutate(lambda d: d.update(format='backstage')))
case('missing-format.json', 'format', mutate(lambda d: d.pop('format')))
case('future-version.json', 'version 99', mutate(lambda d: d.update(version=99)))
case('version-zero.json', 'version', mutate(lambda d: d.update(version=0)))
case('version-string.json', 'version', mutate(lambda d: d.update(version='1')))
# Types and required fields.
case('services-not-array.json', 'invalid type', mutate(lambda d: d.update(services={})))
case('tier-string.json', 'invalid type', mutate(lambda d: d['services'][0].update(tier='high')))
case('tier-negative.json', 'invalid value', mutate(lambda d: d['services'][0].update(tier=-1)))
case('tier-out-of-range.json', 'tier', mutate(lambda d: d['services'][0].update(tier=9)))
case('revision-float.json', 'invalid type', mutate(lambda d: d['services'][0].update(revision=1.5)))
case('missing-name.json', 'missing field `name`', mutate(lambda d: d['services'][0].pop('name')))
case('missing-owner.json', 'missing field `owner`', mutate(lambda d: d['services'][0].pop('owner')))
case('missing-id.json', 'missing field `id`', mutate(lambda d: d['parties'][0].pop('id')))
case('null-summary.json', 'invalid type', mutate(lambda d: d['services'][0].update(summary=None)))
case('unknown-field.json', 'unknown field `colour`', mutate(lambda d: d['services'][0].update(colour='blue')))
case('unknown-top-field.json', 'unknown field', mutate(lambda d: d.update(extras=[])))
case('bad-enum.json', 'unknown variant', mutate(lambda d: d['services'][0].update(view='sideways')))
case('bad-timestamp.json', 'updated_at', mutate(lambda d: d['services'][0].update(updated_at='yesterday')))
case('bad-date.json', 'valid_from', mutate(lambda d: d['agreements'][0].update(valid_from='2026-02-30')))
# Ids and references.
case('duplicate-service-id.json', 'duplicate id', mutate(lambda d: d['services'].append(copy.deepcopy(d['services'][0]))))
case('duplicate-party-id.json', 'duplicate id', mutate(lambda d: d['parties'].append(copy.deepcopy(d['parties'][0]))))
case('bad-id.json', 'id', mutate(lambda d: d['services'][0].update(id='Mail Service')))
case('empty-id.json', 'id', mutate(lambda d: d['services'][0].update(id='')))
case('dangling-owner.json', 'unknown party', mutate(lambda d: d['services'][0].update(owner='nobody')))
case('dangling-dependency.json', 'unknown service', mutate(lambda d: d['services'][0]['depends_on'].append('ghost')))
case('dangling-offering-service.json', 'unknown service', mutate(lambda d: d['offerings'][0].update(service='ghost')))
case('dangling-calendar.json', 'unknown calendar', mutate(lambda d: d['services'][0]['support'].update(calendar='ghost')))
case('dangling-agreement-party.json', 'unknown party', mutate(lambda d: d['agreements'][0].update(customer='ghost')))
case('self-dependency.json', 'depend on itself', mutate(lambda d: d['services'][2].update(depends_on=['network'])))
case('dependency-cycle.json', 'cycle', mutate(lambda d: d['services'][2].update(depends_on=['mail'])))
case('listed-twice.json', 'listed twice', mutate(lambda d: d['services'][0].update(depends_on=['network', 'network'])))
# Values.
case('negative-target.json', 'target', mutate(lambda d: d['agreements'][0]['targets'][0].update(value=-5)))
case('availability-over-100.json', '100', mutate(lambda d: d['agreements'][0]['targets'][0].update(value=150)))
case('nan-target.json', 'not valid JSON', raw=json.dumps(mutate(lambda d: d['agreements'][0]['targets'][0].update(value=float('nan')))))
case('infinite-target.json', 'not valid JSON', raw=json.dumps(mutate(lambda d: d['agreements'][0]['targets'][0].update(value=float('inf')))))
case('huge-number.json', 'number', raw=text.replace('"tier": 2', '"tier": 1e999', 1))
case('javascript-link.json', 'URL', mutate(lambda d: d['services'][0].update(links=[{'title': 'x', 'url': 'javascript:alert(1)'}])))
case('bad-time-zone.json', 'time zone', mutate(lambda d: d['calendars'][0].update(time_zone='Mars/Olympus')))
case('bad-hours.json', 'HH:MM', mutate(lambda d: d['calendars'][0]['hours'][0].update(start='25:00')))
case('empty-name.json', 'is required', mutate(lambda d: d['services'][0].update(name='')))
case('huge-name.json', 'long', mutate(lambda d: d['services'][0].update(name='x' * 5000)))
case('control-characters.json', 'control', mutate(lambda d: d['services'][0].update(name='Mail\u0000\u0007')))
case('agreement-without-scope.json', 'at least one service', mutate(lambda d: d['agreements'][0].update(services=[])))
case('sla-underpinning.json', 'SLA', mutate(lambda d: d['agreements'][0].update(supports=['network-ola'])))
case('member-of-person.json', 'member', mutate(lambda d: d['parties'][0].update(member_of=['ana'])))

json.dump(expected, open(os.path.join(HERE, 'expected.json'), 'w'), indent=2, sort_keys=True)
print(f'{len(expected)} files written to {OUT}')
