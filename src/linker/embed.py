#!/usr/bin/env python3
"""Writes share/linker-knowledge.conf as a C string (the linker's built-in knowledge)."""
import sys

src, out = sys.argv[1], sys.argv[2]
data = open(src, encoding="utf-8").read()
with open(out, "w", encoding="utf-8") as f:
    f.write("/* Generated from share/linker-knowledge.conf by src/linker/embed.py. */\n")
    f.write('#include "linker/linker_private.h"\n\nconst char linker_knowledge_builtin[] =\n')
    for line in data.splitlines(True):
        esc = line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        f.write(f'\t"{esc}"\n')
    f.write(";\n")
