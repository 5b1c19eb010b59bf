#!/usr/bin/env python3
"""Rewrites the mapping tables of spec-tests/canonical-abi/README.md: run_tests.py's test functions and the trap
sites of Sources/CanonicalABI, each with its YAML counterpart (from `cmref check --trap-sites`) and its Swift test.
Usage (repository root): python3 Scripts/canonical-abi-trap-map.py RUN_TESTS_PY [CMREF]
ExpectationCheckTests.testReadmeMappingAgreesWithSourcesAndFiles checks the result."""
import glob, re, subprocess, sys

run_tests = open(sys.argv[1]).read()
cmref = sys.argv[2] if len(sys.argv) > 2 else '.build/debug/cmref'
readme_path = 'spec-tests/canonical-abi/README.md'

sites = set()
for f in glob.glob('Sources/CanonicalABI/*.swift'):
    for m in re.finditer(r'(?:trapIf\([^\n]*?|trap\()"([^"]+)", "([^"]+)"\)', open(f).read()):
        sites.add(m.group(1) + ' | ' + m.group(2))
sites = sorted(sites)

out = subprocess.run([cmref, 'check', '--trap-sites', 'spec-tests/canonical-abi'], capture_output=True, text=True).stdout
hit = {}
for line in out.splitlines():
    m = re.match(r'trap site: (.*)    ; spec-tests/canonical-abi/([^:]+):\d+ case (.*)$', line)
    if m: hit[m.group(1)] = '`%s` `%s`' % (m.group(2), m.group(3))

traps = open('Tests/CanonicalABITests/TrapTests.swift').read()
funcs = [(m.start(), m.group(1)) for m in re.finditer(r'func (\w+Traps)\(', traps)]
def fn_at(pos):
    name = None
    for p, n in funcs:
        if p < pos: name = n
    return name
def fns_with(lit):
    return {fn_at(m.start()) for m in re.finditer(re.escape(lit), traps)} - {None}
unreachable = {'Table.add | i > Table.MAX_LENGTH': 'needs 2^28 live handles',
               'canon_lift | unknown callback code': 'unpack_callback_result already rejects codes > MAX',
               'convert_i32_to_char | not a Unicode scalar value': "Swift's own guard after the spec's two conditions"}
def swift_of(site):
    if site in unreachable: return 'unreachable: ' + unreachable[site]
    d, c = site.split(' | ', 1)
    both, fd, fc = fns_with('"%s"' % d) & fns_with('"%s"' % c), fns_with('"%s"' % d), fns_with('"%s"' % c)
    pick = sorted(both)[0] if len(both) == 1 else sorted(fd)[0] if len(fd) == 1 else sorted(fc)[0] if fc else None
    return '`TrapTests.%s`' % pick if pick else '—'

swift = {}
for f in glob.glob('Tests/CanonicalABITests/*.swift'):
    for m in re.finditer(r'/// run_tests.py — ([^\n]*)\n\s*func (\w+)', open(f).read()):
        for name in re.findall(r'test_\w+', m.group(1)):
            swift.setdefault(name, '%s.%s' % (f.split('/')[-1][:-6], m.group(2)))
swift.update({k: v for k, v in {'test': 'ValueTests.testLiftFlatThenLowerFlat', 'test_pairs': 'ValueTests.testPairs',
              'test_nan32': 'ValueTests.testNaNCanonicalization', 'test_nan64': 'ValueTests.testNaNCanonicalization',
              'test_string_internal': 'ValueTests.testStrings', 'test_string': 'ValueTests.testStrings',
              'test_heap': 'ValueTests.testHeap', 'test_flatten': 'ValueTests.testFlatten'}.items() if k not in swift})
yaml = {'test': 'values.yaml', 'test_pairs': 'pairs.yaml', 'test_nan32': 'nan.yaml', 'test_nan64': 'nan.yaml',
        'test_string_internal': 'strings.yaml', 'test_string': 'strings.yaml', 'test_heap': 'heap.yaml',
        'test_flatten': 'flatten.yaml', 'test_roundtrips': 'roundtrips.yaml', 'test_handles': 'handles.yaml'}
defs = re.findall(r'^def (test\w*)\(', run_tests, re.M)

fn_table = ['| run_tests.py | YAML | Swift test |', '|---|---|---|']
for d in defs:
    fn_table.append('| `%s` | %s | %s |' % (d, '`%s`' % yaml[d] if d in yaml else '—', '`%s`' % swift[d] if d in swift else '—'))
ny = sum(1 for d in defs if d in yaml)
fn_table += ['', '%d of %d functions have a YAML counterpart; the other %d are Swift tests (every function also has one).' % (ny, len(defs), len(defs) - ny)]

site_table = ['| Site | YAML case | Swift |', '|---|---|---|']
for s in sites:
    site_table.append('| `%s` | %s | %s |' % (s.replace('|', '\\|'), hit.get(s, '—'), swift_of(s)))
swift_only = sum(1 for s in sites if s not in hit and s not in unreachable)
site_table += ['', '%d sites: %d with a YAML case, %d with a Swift case only, %d unreachable (no YAML or Swift case can reach them).' % (
    len(sites), len(hit), swift_only, len(unreachable))]

readme = open(readme_path).read()
def replace_section(text, heading, body):
    start = text.index(heading)
    table = text.index('| ', start)
    end = text.find('\n## ', table)
    end = len(text) if end < 0 else end + 1
    return text[:table] + '\n'.join(body) + '\n' + ('\n' if end < len(text) else '') + text[end:]
readme = re.sub(r"## run_tests.py's test functions \(\d+\)", "## run_tests.py's test functions (%d)" % len(defs), readme)
readme = re.sub(r'## Trap sites \(\d+\)', '## Trap sites (%d)' % len(sites), readme)
readme = replace_section(readme, "## run_tests.py's test functions", fn_table)
readme = replace_section(readme, '## Trap sites', site_table)
open(readme_path, 'w').write(readme)
print('functions: %d (%d YAML); sites: %d (%d YAML, %d Swift only, %d unreachable)' % (len(defs), ny, len(sites), len(hit), swift_only, len(unreachable)))
