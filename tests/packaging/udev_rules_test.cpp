// packaging/udev/70-groupbuy.rules, checked without udev (Debian 12's
// udevadm has no `verify`, and a test must not install rules): every line is
// parsed with udev's syntax (KEY[{attr}] OP "value", comma-separated; known
// keys only; GOTOs land on a LABEL), then the rules are run, as udev would,
// against the properties of devices a kiosk meets: printers and the
// supported scanner get group plugdev, keyboards and disks do not.
#include <fnmatch.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "drivers/escpos/printer_profile.h"

namespace gb::test {
namespace {

struct Term {
  std::string key;   // "ENV", "ATTR", "SUBSYSTEM", ...
  std::string attr;  // inside the braces, or empty
  std::string op;    // == != = += :=
  std::string value;
};
using Rule = std::vector<Term>;

const std::set<std::string> kMatchKeys = {"ACTION", "SUBSYSTEM", "KERNEL", "ENV", "ATTR", "ATTRS"};
const std::set<std::string> kAssignKeys = {"MODE", "GROUP", "OWNER", "GOTO", "LABEL", "TAG"};

// The rules, or the first error as "line N: why".
std::variant<std::vector<Rule>, std::string> Parse(const std::string& text) {
  static const std::regex term(R"re(([A-Z_]+)(\{([A-Za-z0-9_]+)\})?(==|!=|\+=|:=|=)"([^"]*)")re");
  std::vector<Rule> rules;
  std::set<std::string> labels, gotos;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const std::string where = "line " + std::to_string(n) + ": ";
    Rule rule;
    size_t at = 0;
    while (at < line.size()) {
      std::smatch m;
      const std::string rest = line.substr(at);
      if (!std::regex_search(rest, m, term, std::regex_constants::match_continuous)) {
        return where + "not KEY OP \"value\" at \"" + rest + "\"";
      }
      Term t{m[1], m[3], m[4], m[5]};
      const bool match = t.op == "==" || t.op == "!=";
      if (!kMatchKeys.count(t.key) && !kAssignKeys.count(t.key))
        return where + "unknown key " + t.key;
      if (match && !kMatchKeys.count(t.key)) return where + t.key + " cannot be matched";
      if (!match && kMatchKeys.count(t.key) && t.key != "ENV")
        return where + t.key + " cannot be assigned";
      if ((t.key == "ENV" || t.key == "ATTR" || t.key == "ATTRS") == t.attr.empty()) {
        return where + t.key + " takes {name} exactly when it is ENV or ATTR";
      }
      if (t.key == "MODE" && !std::regex_match(t.value, std::regex("0[0-7]{3}"))) {
        return where + "MODE is not octal: " + t.value;
      }
      if (t.key == "LABEL") labels.insert(t.value);
      if (t.key == "GOTO") gotos.insert(t.value);
      rule.push_back(t);
      at += static_cast<size_t>(m.length(0));
      if (at == line.size()) break;
      if (line.compare(at, 2, ", ") != 0) return where + "terms must be separated by \", \"";
      at += 2;
    }
    rules.push_back(rule);
  }
  for (const std::string& g : gotos) {
    if (!labels.count(g)) return "GOTO \"" + g + "\" has no LABEL";
  }
  return rules;
}

struct Device {
  std::map<std::string, std::string> props;  // ACTION, SUBSYSTEM, ENV{..} as "ENV:NAME"
  std::map<std::string, std::string> attrs;
};
struct Outcome {
  std::string mode = "0664";  // what udev's defaults leave (not plugdev)
  std::string group = "root";
};

Outcome Apply(const std::vector<Rule>& rules, const Device& d) {
  Outcome out;
  std::optional<std::string> skip_to;
  for (const Rule& rule : rules) {
    if (skip_to) {
      if (rule.size() == 1 && rule[0].key == "LABEL" && rule[0].value == *skip_to) skip_to.reset();
      continue;
    }
    bool all = true;
    for (const Term& t : rule) {
      if (t.op != "==" && t.op != "!=") continue;
      std::string have;
      if (t.key == "ATTR" || t.key == "ATTRS") {
        auto it = d.attrs.find(t.attr);
        have = it == d.attrs.end() ? "" : it->second;
      } else {
        auto it = d.props.find(t.key == "ENV" ? "ENV:" + t.attr : t.key);
        have = it == d.props.end() ? "" : it->second;
      }
      const bool hit = ::fnmatch(t.value.c_str(), have.c_str(), 0) == 0;
      if (hit != (t.op == "==")) all = false;
    }
    if (!all) continue;
    for (const Term& t : rule) {
      if (t.key == "MODE") out.mode = t.value;
      if (t.key == "GROUP") out.group = t.value;
      if (t.key == "GOTO") skip_to = t.value;
    }
  }
  return out;
}

Device UsbDevice(const std::string& vid, const std::string& pid, const std::string& interfaces) {
  return Device{{{"ACTION", "add"},
                 {"SUBSYSTEM", "usb"},
                 {"ENV:DEVTYPE", "usb_device"},
                 {"ENV:ID_USB_INTERFACES", interfaces}},
                {{"idVendor", vid}, {"idProduct", pid}}};
}

class UdevRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream f(std::string(GB_SOURCE_DIR) + "/packaging/udev/70-groupbuy.rules");
    ASSERT_TRUE(f) << "packaging/udev/70-groupbuy.rules is missing";
    std::stringstream text;
    text << f.rdbuf();
    auto parsed = Parse(text.str());
    ASSERT_TRUE(std::holds_alternative<std::vector<Rule>>(parsed)) << std::get<std::string>(parsed);
    rules_ = std::get<std::vector<Rule>>(parsed);
  }
  bool Plugdev(const Device& d) {
    Outcome o = Apply(rules_, d);
    return o.group == "plugdev" && o.mode == "0660";
  }
  std::vector<Rule> rules_;
};

TEST_F(UdevRulesTest, ThePrinterClassGoesToPlugdevWhateverTheMaker) {
  EXPECT_TRUE(Plugdev(UsbDevice("1a86", "7584", ":070102:")));
  EXPECT_TRUE(Plugdev(UsbDevice("28e9", "0289", ":ff0000:070101:")));  // composite
}

TEST_F(UdevRulesTest, EveryPrinterOfTheModelTableGoesToPlugdev) {
  int rows = 0;
  for (const escpos::PrinterProfile& p : escpos::AllProfiles()) {
    if (p.vid == 0) continue;
    char vid[5], pid[5];
    std::snprintf(vid, sizeof vid, "%04x", p.vid);
    std::snprintf(pid, sizeof pid, "%04x", p.pid);
    // Vendor-specific interfaces only: matched by the table's id alone.
    EXPECT_TRUE(Plugdev(UsbDevice(vid, pid, ":ff0000:"))) << p.name;
    ++rows;
  }
  EXPECT_GE(rows, 3);
}

TEST_F(UdevRulesTest, TheSupportedScannerGoesToPlugdev) {
  EXPECT_TRUE(Plugdev(UsbDevice("0c2e", "0b61", ":030000:")));
}

TEST_F(UdevRulesTest, KeyboardsDisksAndOtherEventsAreLeftAlone) {
  EXPECT_FALSE(Plugdev(UsbDevice("046d", "c31c", ":030101:030000:")));  // a keyboard
  EXPECT_FALSE(Plugdev(UsbDevice("0781", "5567", ":080650:")));         // a USB stick
  EXPECT_FALSE(Plugdev(UsbDevice("0c2e", "0b62", ":030000:")));         // another HID id
  Device iface = UsbDevice("1a86", "7584", ":070102:");
  iface.props["ENV:DEVTYPE"] = "usb_interface";
  EXPECT_FALSE(Plugdev(iface));
  Device removed = UsbDevice("1a86", "7584", ":070102:");
  removed.props["ACTION"] = "remove";
  EXPECT_FALSE(Plugdev(removed));
  Device hidraw = UsbDevice("0c2e", "0b61", ":030000:");
  hidraw.props["SUBSYSTEM"] = "hidraw";
  EXPECT_FALSE(Plugdev(hidraw));
}

TEST_F(UdevRulesTest, TheParserRejectsWhatUdevWould) {
  // The checks above mean something only if a broken file fails to parse.
  for (const char* bad : {"SUBSYSTEM==\"usb\" MODE=\"0660\"",         // no comma
                          "SUBSYSTEM==usb, MODE=\"0660\"",            // unquoted
                          "SUBSYTEM==\"usb\", MODE=\"0660\"",         // misspelt key
                          "ATTR==\"04b8\", MODE=\"0660\"",            // ATTR without {name}
                          "ATTR{idVendor}==\"04b8\", MODE=\"660a\"",  // not octal
                          "ATTR{idVendor}==\"04b8\", GOTO=\"nowhere\""}) {
    EXPECT_TRUE(std::holds_alternative<std::string>(Parse(bad))) << bad;
  }
  EXPECT_TRUE(std::holds_alternative<std::vector<Rule>>(
      Parse("ATTR{idVendor}==\"04b8\", MODE=\"0660\", GOTO=\"x\"\nLABEL=\"x\"")));
}

}  // namespace
}  // namespace gb::test
