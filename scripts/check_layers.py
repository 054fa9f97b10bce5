#!/usr/bin/env python3
"""Checks the architecture's layering (docs/architecture.md, "Layers").

Reads every product CMakeLists.txt (gb_add_library, add_executable,
target_link_libraries) and every #include "..." of the product sources, and
reports:

  include   a file includes a header of a target its own target does not
            link (directly, or through the PUBLIC links of what it links: a
            dependency's PRIVATE_DEPS are its own business); or a public
            header (.h) of a library includes a header of one of its
            PRIVATE_DEPS ("public header exposes a private dependency");
  layer     a file includes a header of an area on a higher layer, or of
            another area on the same layer (a loop waiting to happen);
  binary    the store server's executable links kiosk code, or the kiosk's
            links server code.

Links: gb_add_library's DEPS are PUBLIC and its PRIVATE_DEPS are PRIVATE
(cmake/warnings.cmake); target_link_libraries after PRIVATE is private, after
PUBLIC or INTERFACE (or with no keyword) public. An executable's links are all
its own. The binary check follows every link, private ones too: a static
library's PRIVATE dependencies still end up in the executable.

Areas and layers (a file's area is the first matching prefix):
    0 core          core/ (base, rules, voucher, pin, sqlite)
    1 drivers, ui, sync
    2 kiosk
    3 provisioning

The known violations are listed in scripts/layers_baseline.txt: a ratchet.
The check fails on any violation not in the baseline (new debt) and on any
baseline line that no longer occurs (fixed debt must leave the list, so it
only shrinks). --update-baseline rewrites the list from the tree.

Exit 0 when clean against the baseline, 1 on a finding, 2 on bad usage.
"""

import argparse
import os
import re
import sys

CORE_PREFIXES = ("core/",)
AREAS = ("drivers", "ui", "sync", "kiosk", "provisioning")
LAYER = {"core": 0, "drivers": 1, "ui": 1, "sync": 1, "kiosk": 2, "provisioning": 3}
# Executables that must not contain the other side's code: name -> the areas
# (a plain name) or folders (a path with "/") whose targets it must not link.
BINARY_RULES = {
    "groupbuy-store": ("kiosk",),
    "groupbuy-kiosk": ("sync/server/", "sync/store/", "sync/uplink/"),
}
SOURCE_EXT = (".h", ".cpp")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
LIB_RE = re.compile(r"gb_add_library\(\s*(\w+)(.*?)\)", re.S)
EXE_RE = re.compile(r"add_executable\(\s*([\w-]+)")
LINK_RE = re.compile(r"target_link_libraries\(\s*([\w-]+)(.*?)\)", re.S)
DEP_RE = re.compile(r"groupbuy::(\w+)")
LIB_KEYWORDS = ("SOURCES", "DEPS", "PRIVATE_DEPS")
LINK_KEYWORDS = ("PUBLIC", "PRIVATE", "INTERFACE")


def area_of(path):
    if path.startswith(CORE_PREFIXES):
        return "core"
    top = path.split("/", 1)[0]
    return top if top in AREAS else None


def strip_comments(text):
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def split_by_keyword(body, keywords, first):
    """{keyword: [words after it]} of a CMake argument list; words before any
    keyword count as `first`'s."""
    out, current = {}, first
    for word in body.split():
        if word in keywords:
            current = word
        else:
            out.setdefault(current, []).append(word)
    return out


def deps_in(words):
    return {"gb_" + m for w in words for m in DEP_RE.findall(w)}


class Links:
    """The link graph: target -> the targets it links PUBLIC, and PRIVATE."""

    def __init__(self):
        self.public, self.private = {}, {}

    def add(self, target, public=(), private=()):
        self.public.setdefault(target, set()).update(public)
        self.private.setdefault(target, set()).update(private)

    def __contains__(self, target):
        return target in self.public

    def all(self, target):
        return self.public.get(target, set()) | self.private.get(target, set())


def read_targets(root):
    """Returns (folder -> target, Links)."""
    folder_of, links, exes = {}, Links(), set()
    for top in ("core",) + AREAS:
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            if "CMakeLists.txt" not in files:
                continue
            rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
            with open(os.path.join(dirpath, "CMakeLists.txt"), encoding="utf-8") as f:
                text = strip_comments(f.read())
            for name, body in LIB_RE.findall(text):
                target = "gb_" + name
                folder_of.setdefault(rel, target)
                args = split_by_keyword(body, LIB_KEYWORDS, "SOURCES")
                links.add(target, deps_in(args.get("DEPS", ())),
                          deps_in(args.get("PRIVATE_DEPS", ())))
            for name in EXE_RE.findall(text):
                exes.add(name)
                links.add(name)
                folder_of.setdefault(rel + "#exe:" + name, name)
            for name, body in LINK_RE.findall(text):
                if name not in links:
                    continue
                args = split_by_keyword(body, LINK_KEYWORDS, "PUBLIC")
                private = deps_in(args.get("PRIVATE", ()))
                public = deps_in(args.get("PUBLIC", ())) | deps_in(args.get("INTERFACE", ()))
                if name in exes:  # nothing links an executable: all its own
                    private, public = private | public, set()
                links.add(name, public, private)
    return folder_of, links


def closure(targets, step):
    """Every target reachable from `targets` by `step` (target -> set)."""
    seen, todo = set(), list(targets)
    while todo:
        t = todo.pop()
        for d in step(t):
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return seen


def visible_to(target, links):
    """The targets whose headers `target` may include: its own, every target it
    links, and what those link PUBLIC, transitively."""
    direct = links.all(target)
    return {target} | direct | closure(direct, lambda t: links.public.get(t, ()))


def owner_of(path, folder_of):
    """The library target whose folder is the deepest one holding `path`."""
    folder = os.path.dirname(path)
    while folder:
        if folder in folder_of:
            return folder_of[folder]
        folder = os.path.dirname(folder)
    return None


def exe_sources(root, folder_of):
    """main.cpp of each executable: its folder's exe entry."""
    out = {}
    for key, name in folder_of.items():
        if "#exe:" in key:
            out[key.split("#exe:")[0] + "/main.cpp"] = name
    return out


def find_violations(root):
    folder_of, links = read_targets(root)
    mains = exe_sources(root, folder_of)
    found = set()
    for top in ("core",) + AREAS:
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for fname in files:
                if not fname.endswith(SOURCE_EXT):
                    continue
                path = os.path.relpath(os.path.join(dirpath, fname), root).replace(os.sep, "/")
                with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
                    includes = INCLUDE_RE.findall(f.read())
                src_area = area_of(path)
                src_target = mains.get(path) or owner_of(path, folder_of)
                visible = visible_to(src_target, links) if src_target else set()
                # What the target's users see through it: its PUBLIC closure.
                exported = closure({src_target}, lambda t: links.public.get(t, ())) \
                    if src_target else set()
                private = links.private.get(src_target, set()) - exported
                public_header = path.endswith(".h")
                for inc in includes:
                    inc_area = area_of(inc)
                    if inc_area is None or not os.path.exists(os.path.join(root, inc)):
                        continue  # generated, system or not ours
                    if inc_area != src_area and (
                        LAYER[inc_area] > LAYER[src_area] or LAYER[inc_area] == LAYER[src_area]
                    ):
                        found.add(f"layer: {path} -> {inc} ({src_area} may not include {inc_area})")
                    inc_target = owner_of(inc, folder_of)
                    if src_target and inc_target and inc_target not in visible:
                        found.add(f"include: {path} -> {inc} ({src_target} does not link {inc_target})")
                    elif public_header and inc_target in private:
                        found.add(f"include: {path} -> {inc} (public header of {src_target} exposes"
                                  f" {inc_target}, a PRIVATE dependency)")
    target_folder = {t: f for f, t in folder_of.items() if "#exe:" not in f}
    for exe, banned in BINARY_RULES.items():
        if exe not in links:
            continue
        for dep in sorted(closure({exe}, links.all)):
            folder = target_folder.get(dep, "")
            areas = tuple(b for b in banned if "/" not in b)
            prefixes = tuple(b for b in banned if "/" in b)
            if area_of(folder + "/") in areas or (prefixes and (folder + "/").startswith(prefixes)):
                found.add(f"binary: {exe} links {dep} ({folder})")
    return sorted(found)


def read_baseline(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


BASELINE_HEADER = (
    "# Known layering violations (scripts/check_layers.py): a ratchet. Fix one,\n"
    "# then delete its line; a new one fails `make test`. Regenerate with\n"
    "# scripts/check_layers.py --update-baseline only when removing lines.\n"
)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--root", default=os.path.join(os.path.dirname(__file__), ".."))
    p.add_argument("--baseline", default=None, help="default: ROOT/scripts/layers_baseline.txt")
    p.add_argument("--update-baseline", action="store_true")
    a = p.parse_args(argv)
    root = os.path.abspath(a.root)
    baseline_path = a.baseline or os.path.join(root, "scripts", "layers_baseline.txt")
    found = find_violations(root)
    if a.update_baseline:
        with open(baseline_path, "w", encoding="utf-8") as f:
            f.write(BASELINE_HEADER + "".join(v + "\n" for v in found))
        print(f"check_layers: {len(found)} known violations written to {baseline_path}")
        return 0
    known = read_baseline(baseline_path)
    new = [v for v in found if v not in set(known)]
    fixed = [v for v in known if v not in set(found)]
    kinds = {}
    for v in found:
        kinds[v.split(":", 1)[0]] = kinds.get(v.split(":", 1)[0], 0) + 1
    print("check_layers: %d violations known (%s), %d new, %d fixed"
          % (len(found), ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none",
             len(new), len(fixed)))
    for v in new:
        print("  NEW   " + v)
    for v in fixed:
        print("  FIXED " + v + "  (delete this line from the baseline)")
    return 1 if new or fixed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
