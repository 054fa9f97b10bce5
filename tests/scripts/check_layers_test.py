#!/usr/bin/env python3
"""scripts/check_layers.py on small made-up trees: each kind of violation is
found, a clean tree passes, and the baseline is a ratchet both ways."""

import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "check_layers.py")
sys.path.insert(0, os.path.dirname(SCRIPT))
import check_layers  # noqa: E402


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


def clean_tree(root):
    write(root, "core/base/CMakeLists.txt", "gb_add_library(base SOURCES a.cpp)\n")
    write(root, "core/base/a.h", "#pragma once\n#include <string>\n")
    write(root, "drivers/usb/CMakeLists.txt",
          "# a comment with gb_add_library(fake) in it\n"
          "gb_add_library(usb SOURCES u.cpp DEPS groupbuy::base)\n")
    write(root, "drivers/usb/u.h", '#include "core/base/a.h"\n')
    write(root, "drivers/printer/CMakeLists.txt",
          "gb_add_library(printer SOURCES p.cpp DEPS groupbuy::usb)\n")
    write(root, "drivers/printer/p.h", '#include "drivers/usb/u.h"\n')
    write(root, "sync/server/CMakeLists.txt",
          "gb_add_library(server SOURCES s.cpp DEPS groupbuy::base)\n"
          "add_executable(groupbuy-store main.cpp)\n"
          "target_link_libraries(groupbuy-store PRIVATE groupbuy::server)\n")
    write(root, "sync/server/main.cpp", '#include "core/base/a.h"\n')
    write(root, "kiosk/app/CMakeLists.txt",
          "gb_add_library(app SOURCES k.cpp DEPS groupbuy::printer)\n")
    write(root, "kiosk/app/k.cpp", '#include "drivers/printer/p.h"\n#include "core/base/a.h"\n')


def run(root, *args):
    return subprocess.run([sys.executable, SCRIPT, "--root", root, *args],
                          capture_output=True, text=True)


class CheckLayersTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name
        clean_tree(self.root)

    def tearDown(self):
        self.tmp.cleanup()

    def test_a_clean_tree_has_no_violations_and_passes(self):
        self.assertEqual(check_layers.find_violations(self.root), [])
        r = run(self.root)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_each_kind_is_found(self):
        # usb does not link printer: an include of a target not linked.
        write(self.root, "drivers/usb/u2.h", '#include "drivers/printer/p.h"\n')
        # core includes a driver: up a layer.
        write(self.root, "core/base/b.h", '#include "drivers/usb/u.h"\n')
        # sync includes kiosk: up a layer (and not linked).
        write(self.root, "sync/server/s.h", '#include "kiosk/app/k.cpp"\n')
        # the store's binary links kiosk code.
        write(self.root, "sync/server/CMakeLists.txt",
              "gb_add_library(server SOURCES s.cpp DEPS groupbuy::base groupbuy::app)\n"
              "add_executable(groupbuy-store main.cpp)\n"
              "target_link_libraries(groupbuy-store PRIVATE groupbuy::server)\n")
        found = check_layers.find_violations(self.root)
        self.assertIn("include: drivers/usb/u2.h -> drivers/printer/p.h"
                      " (gb_usb does not link gb_printer)", found)
        self.assertIn("layer: core/base/b.h -> drivers/usb/u.h (core may not include drivers)",
                      found)
        self.assertIn("layer: sync/server/s.h -> kiosk/app/k.cpp (sync may not include kiosk)",
                      found)
        self.assertIn("binary: groupbuy-store links gb_app (kiosk/app)", found)
        # Sideways: drivers and sync are on one layer. (server links usb
        # through app here, so this is a layer finding only.)
        write(self.root, "sync/server/t.h", '#include "drivers/usb/u.h"\n')
        found = check_layers.find_violations(self.root)
        self.assertIn("layer: sync/server/t.h -> drivers/usb/u.h (sync may not include drivers)",
                      found)
        self.assertNotIn("include: sync/server/t.h -> drivers/usb/u.h"
                         " (gb_server does not link gb_usb)", found)

    def test_the_baseline_is_a_ratchet_both_ways(self):
        write(self.root, "core/base/b.h", '#include "drivers/usb/u.h"\n')
        baseline = os.path.join(self.root, "baseline.txt")
        self.assertEqual(run(self.root, "--baseline", baseline, "--update-baseline").returncode, 0)
        r = run(self.root, "--baseline", baseline)
        self.assertEqual(r.returncode, 0, r.stdout)
        # New debt fails...
        write(self.root, "core/base/c.h", '#include "kiosk/app/k.cpp"\n')
        r = run(self.root, "--baseline", baseline)
        self.assertEqual(r.returncode, 1)
        self.assertIn("NEW   layer: core/base/c.h", r.stdout)
        os.remove(os.path.join(self.root, "core/base/c.h"))
        # ...and so does fixed debt left in the list.
        os.remove(os.path.join(self.root, "core/base/b.h"))
        r = run(self.root, "--baseline", baseline)
        self.assertEqual(r.returncode, 1)
        self.assertIn("FIXED layer: core/base/b.h", r.stdout)


if __name__ == "__main__":
    unittest.main()
