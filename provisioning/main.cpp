// groupbuy-provision: the installer's and head office's set-up tool.
#include <CLI/CLI.hpp>

#include <iostream>

#include "provisioning/command.h"

int main(int argc, char** argv) {
  CLI::App app{"groupbuy-provision: keys, vouchers and set-up for the group-buy kiosk"};
  app.require_subcommand(1);
  gb::provisioning::Action action;
  gb::provisioning::RegisterKeygen(app, action);
  gb::provisioning::RegisterVoucher(app, action);
  gb::provisioning::RegisterPrinter(app, action);
  gb::provisioning::RegisterKiosk(app, action);
  gb::provisioning::RegisterStaff(app, action);
  gb::provisioning::RegisterStore(app, action);
  gb::provisioning::RegisterHq(app, action);
  gb::provisioning::RegisterEnrollCode(app, action);
  gb::provisioning::RegisterEnroll(app, action);
  gb::provisioning::RegisterPurge(app, action);
  gb::provisioning::RegisterRotate(app, action);
  gb::provisioning::RegisterDeal(app, action);
  gb::provisioning::RegisterBackup(app, action);
  // CLI11 would only say "a subcommand is required"; name the stranger instead.
  auto known = [&app](const std::string& name) {
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      if (sub->get_name() == name) return true;
    }
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !known(argv[1])) {
    std::cerr << "error: unknown command '" << argv[1] << "'; run with --help to list them\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Prints help or the usage error. CLI11's own codes (105, 106, ...) are
    // folded into 2, the one code command.h promises for a wrong command line.
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (!action) {
    std::cerr << "error: no command given; see --help\n";
    return 2;
  }
  try {
    gb::base::Status s = action(std::cout);
    if (!s.ok()) {
      std::cerr << "error: " << s.ToString() << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "error: internal: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
