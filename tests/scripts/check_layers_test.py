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

    def test_private_deps_are_links_of_their_own_target_only(self):
        write(self.root, "drivers/scanner/CMakeLists.txt",
              "gb_add_library(scanner SOURCES s.cpp DEPS groupbuy::base)\n")
        write(self.root, "drivers/scanner/s.h", '#include "core/base/a.h"\n')
        write(self.root, "drivers/decoder/CMakeLists.txt",
              "gb_add_library(decoder SOURCES d.cpp DEPS groupbuy::base)\n")
        write(self.root, "drivers/decoder/d.h", '#include "core/base/a.h"\n')
        # Both keywords, in either order; and target_link_libraries' PRIVATE.
        write(self.root, "drivers/usb/CMakeLists.txt",
              "gb_add_library(usb SOURCES u.cpp DEPS groupbuy::base\n"
              "  PRIVATE_DEPS groupbuy::scanner)\n"
              "target_link_libraries(gb_usb PRIVATE groupbuy::decoder)\n")
        write(self.root, "drivers/printer/CMakeLists.txt",
              "gb_add_library(printer SOURCES p.cpp PRIVATE_DEPS groupbuy::scanner\n"
              "  DEPS groupbuy::usb)\n")
        # Its own .cpp may include a private dependency's header.
        write(self.root, "drivers/usb/u.cpp",
              '#include "drivers/scanner/s.h"\n#include "drivers/decoder/d.h"\n')
        write(self.root, "drivers/printer/p.cpp", '#include "drivers/scanner/s.h"\n')
        self.assertEqual(check_layers.find_violations(self.root), [])
        # A public header of usb that includes one exposes it to usb's users.
        write(self.root, "drivers/usb/u3.h", '#include "drivers/scanner/s.h"\n')
        write(self.root, "drivers/usb/u4.h", '#include "drivers/decoder/d.h"\n')
        # kiosk/app links printer: it sees usb (a DEPS of printer) and what usb
        # links PUBLIC (base), but not scanner (PRIVATE to printer and to usb).
        write(self.root, "kiosk/app/k2.cpp",
              '#include "drivers/usb/u.h"\n#include "drivers/scanner/s.h"\n')
        found = check_layers.find_violations(self.root)
        self.assertEqual(found, [
            "include: drivers/usb/u3.h -> drivers/scanner/s.h"
            " (public header of gb_usb exposes gb_scanner, a PRIVATE dependency)",
            "include: drivers/usb/u4.h -> drivers/decoder/d.h"
            " (public header of gb_usb exposes gb_decoder, a PRIVATE dependency)",
            "include: kiosk/app/k2.cpp -> drivers/scanner/s.h (gb_app does not link gb_scanner)",
        ])

    def test_the_binary_check_follows_private_links_too(self):
        write(self.root, "sync/server/CMakeLists.txt",
              "gb_add_library(server SOURCES s.cpp DEPS groupbuy::base\n"
              "  PRIVATE_DEPS groupbuy::app)\n"
              "add_executable(groupbuy-store main.cpp)\n"
              "target_link_libraries(groupbuy-store PRIVATE groupbuy::server)\n")
        self.assertIn("binary: groupbuy-store links gb_app (kiosk/app)",
                      check_layers.find_violations(self.root))

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
