#!/usr/bin/env python3
"""Regenerates kb/registry.tsv (the list of entity ids) from the pack files."""
import json, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
rows = ["# Entity ids of the built-in pack: id<TAB>kind<TAB>English name<TAB>pack file. Generated from kb/pack (python3 scripts/kb-registry.py); ids are stable."]
for f in ['models', 'companies', 'organizations', 'policies']:
    for e in json.loads((root / 'kb' / 'pack' / f'{f}.json').read_text('utf8'))['entities']:
        rows.append(f"{e['id']}\t{e['kind']}\t{e['name']['en']}\t{f}")
(root / 'kb' / 'registry.tsv').write_text('\n'.join(rows) + '\n', 'utf8')
print(f'{len(rows) - 1} ids')
