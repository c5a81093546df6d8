#!/usr/bin/env python3
"""Small helper for scripted edits of the pack: load every file, apply a function, write back
with the house style (2-space JSON, UTF-8, trailing newline). Usage in other scripts:
    from kb_edit import edit; edit(lambda ents: ...)"""
import json, pathlib
PACK = pathlib.Path(__file__).resolve().parent.parent / 'kb' / 'pack'
FILES = ['models', 'companies', 'organizations', 'policies']

def load():
    return {f: json.loads((PACK / f'{f}.json').read_text('utf8')) for f in FILES}

def save(data):
    for f, d in data.items():
        (PACK / f'{f}.json').write_text(json.dumps(d, ensure_ascii=False, indent=2) + '\n', 'utf8')

def entity(data, id):
    for d in data.values():
        for e in d['entities']:
            if e['id'] == id:
                return e
    raise KeyError(id)
